package io.supportagent.ratelimit;

/** One bucket's answer to one request. */
record Decision(Limit limit, boolean allowed, long remaining, long nanosToRetry) {

    /** Seconds until the bucket is full again ({@code t} of the {@code RateLimit} header). */
    long secondsToFull() {
        long missing = Math.max(0, limit.burst() - remaining);
        return (long) Math.ceil(missing / limit.rate());
    }

    long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(nanosToRetry / 1_000_000_000d));
    }
}
