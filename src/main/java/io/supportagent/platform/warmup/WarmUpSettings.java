package io.supportagent.platform.warmup;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The node's warm-up before its readiness probe lets a load balancer send it traffic ({@link WarmUp}).
 *
 * @param duration how long the node sends itself requests after start-up; 0 turns the warm-up off (readiness is then
 *     up as soon as the application is). 15 s: measured by bench/faults on two loaded cores (load 20–28), a node
 *     killed and started again got its p99 back within 7 s after a 15 s warm-up (700–5,000 requests to itself), and
 *     only after 14.5 s with 5 s (18–120 requests, most of them spent loading classes)
 * @param concurrency how many of those requests are under way at once
 */
@Validated
@ConfigurationProperties("support-agent.warm-up")
record WarmUpSettings(
        @DefaultValue("15s") @NotNull Duration duration,
        @DefaultValue("4") @Min(1) @Max(64) int concurrency) {

    boolean enabled() {
        return !duration.isZero() && !duration.isNegative();
    }
}
