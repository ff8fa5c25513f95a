package io.supportagent.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/**
 * A token bucket: {@code burst} requests at once, refilled at {@code rate} per second.
 *
 * @param policy the name the {@code RateLimit-Policy} and {@code RateLimit} headers give it
 */
record Limit(String policy, double rate, long burst) {

    Limit scaled(double fraction) {
        return new Limit(policy, rate * fraction, Math.max(1, Math.round(burst * fraction)));
    }

    /** Seconds in which an empty bucket fills up again: the policy's window. */
    long windowSeconds() {
        return Math.max(1, (long) Math.ceil(burst / rate));
    }

    BucketConfiguration configuration() {
        long refillNanos = Math.max(1, Math.round(burst / rate * 1_000_000_000d));
        return BucketConfiguration.builder()
                .addLimit(b -> b.capacity(burst).refillGreedy(burst, Duration.ofNanos(refillNanos)))
                .build();
    }

    /** Part of the bucket key, so that a changed limit (tier change) starts a bucket of its own. */
    String signature() {
        return burst + "@" + rate;
    }
}
