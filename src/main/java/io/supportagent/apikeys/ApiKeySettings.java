package io.supportagent.apikeys;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How keys are stored and verified.
 *
 * @param bcryptCost log2 rounds of bcrypt for stored key hashes (and for the decoy hash unknown keys are checked
 *     against, so that both take the same time)
 * @param cacheIdleTimeout how long a verified key stays cached without being used
 * @param cacheRecheck how often a cached key's row is read again (no bcrypt) as a safety net behind change
 *     notifications
 * @param cacheMaxSize the most verified keys (and, separately, rejected keys) kept in memory
 * @param rejectedCacheTtl how long a wrong key is remembered as wrong, so repeating it costs no bcrypt
 * @param failedAttemptsPerAddress failed verifications a client address may cause per {@code failedAttemptsWindow}
 * @param failedAttemptsPerKey failed verifications per lookup id (one key's non-secret part) per window
 * @param failedAttemptsWindow the window of both failure budgets (refilled smoothly)
 * @param lastUsedInterval {@code last_used_at} is written at most this often per key
 * @param lastUsedFlush how often the pending {@code last_used_at} writes are flushed, off the request path
 * @param failureDelay how long an answer to an invalid or throttled key is held back: it costs the server a parked
 *     virtual thread, and slows a guessing client down (0 disables)
 * @param failureDelayMaxWaiting at most this many answers are held back at once; beyond, they go out at once
 * @param bcryptQueue verifications that may wait for the bcrypt threads (half the cores); beyond, 503
 */
@Validated
@ConfigurationProperties("support-agent.api-keys")
record ApiKeySettings(
        @DefaultValue("12") @Min(4) @Max(31) int bcryptCost,
        @DefaultValue("10m") @NotNull Duration cacheIdleTimeout,
        @DefaultValue("30s") @NotNull Duration cacheRecheck,
        @DefaultValue("100000") @Min(1) long cacheMaxSize,
        @DefaultValue("10m") @NotNull Duration rejectedCacheTtl,
        @DefaultValue("30") @Min(1) int failedAttemptsPerAddress,
        @DefaultValue("10") @Min(1) int failedAttemptsPerKey,
        @DefaultValue("1m") @NotNull Duration failedAttemptsWindow,
        @DefaultValue("1m") @NotNull Duration lastUsedInterval,
        @DefaultValue("5s") @NotNull Duration lastUsedFlush,
        @DefaultValue("64") @Min(1) int bcryptQueue,
        @DefaultValue("200ms") @NotNull Duration failureDelay,
        @DefaultValue("2000") @Min(0) int failureDelayMaxWaiting) {

    /** The defaults, for code that runs without Spring (benchmarks). */
    static ApiKeySettings defaults(int bcryptCost) {
        return new ApiKeySettings(
                bcryptCost,
                Duration.ofMinutes(10),
                Duration.ofSeconds(30),
                100_000,
                Duration.ofMinutes(10),
                30,
                10,
                Duration.ofMinutes(1),
                Duration.ofMinutes(1),
                Duration.ofSeconds(5),
                64,
                Duration.ofMillis(200),
                2000);
    }
}
