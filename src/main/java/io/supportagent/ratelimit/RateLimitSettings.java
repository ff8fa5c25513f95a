package io.supportagent.ratelimit;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits (SPEC §5). Live secret keys get their tier's rate and burst; test keys {@code testFraction} of both.
 * Enterprise organizations may override theirs in custom pricing ({@code rate_limit_per_second},
 * {@code rate_limit_burst}). The widget API is limited per widget key and per widget key and client address (IPv6
 * by /64), and conversation starts have their own, much lower, limit per widget key and client.
 *
 * @param enabled false turns every limit off
 * @param keyPrefix prefix of the bucket keys in Redis
 * @param redisTimeout how long one Redis round trip may take before the limiter falls back to in-process buckets
 * @param redisRetryInterval how long the limiter stays on in-process buckets after a Redis failure before it tries
 *     Redis again
 * @param localMaxBuckets the most in-process buckets kept (least recently used go first)
 */
@Validated
@ConfigurationProperties("support-agent.rate-limit")
public record RateLimitSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10") @DecimalMin("0.01") double basicRate,
        @DefaultValue("20") @Min(1) long basicBurst,
        @DefaultValue("50") @DecimalMin("0.01") double proRate,
        @DefaultValue("100") @Min(1) long proBurst,
        @DefaultValue("200") @DecimalMin("0.01") double enterpriseRate,
        @DefaultValue("400") @Min(1) long enterpriseBurst,

        @DefaultValue("0.25") @DecimalMin("0.01") @DecimalMax("1")
        double testFraction,

        @DefaultValue("50") @DecimalMin("0.01") double widgetKeyRate,
        @DefaultValue("100") @Min(1) long widgetKeyBurst,
        @DefaultValue("5") @DecimalMin("0.01") double widgetClientRate,
        @DefaultValue("20") @Min(1) long widgetClientBurst,
        @DefaultValue("10") @Min(1) long widgetStartsPerHour,
        @DefaultValue("10") @Min(1) long widgetStartBurst,
        @DefaultValue("sa:rl:") String keyPrefix,
        @DefaultValue("500ms") Duration redisTimeout,
        @DefaultValue("5s") Duration redisRetryInterval,
        @DefaultValue("100000") @Min(100) long localMaxBuckets) {}
