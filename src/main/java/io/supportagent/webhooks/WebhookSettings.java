package io.supportagent.webhooks;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param enabled whether this node runs the delivery worker (the outbox is written either way)
 * @param retryDelays the wait after each failed attempt; a delivery is given up after {@code retryDelays.size() + 1}
 *     attempts
 * @param pollInterval how often the worker looks for due deliveries
 * @param timeout connect and response timeout of one attempt
 * @param batchSize deliveries claimed per poll
 * @param maxEndpoints webhook endpoints per organization and mode
 * @param allowPrivateTargets whether endpoints may point at loopback, private-network, link-local and other
 *     non-public addresses; off in a hosted platform (tenants could otherwise reach its internal network), on for
 *     tests and a local demo that deliver to receivers on the same machine
 */
@Validated
@ConfigurationProperties("support-agent.webhooks")
record WebhookSettings(
        @DefaultValue("true") boolean enabled,

        @DefaultValue({"10s", "1m", "5m", "30m", "2h", "8h"}) @NotEmpty
        List<Duration> retryDelays,

        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("50") @Min(1) @Max(1000) int batchSize,
        @DefaultValue("16") @Min(1) int maxEndpoints,
        @DefaultValue("false") boolean allowPrivateTargets) {

    int maxAttempts() {
        return retryDelays.size() + 1;
    }

    /** The wait after the {@code attempt}-th failed attempt (1-based). */
    Duration delayAfter(int attempt) {
        return retryDelays.get(Math.min(attempt, retryDelays.size()) - 1);
    }
}
