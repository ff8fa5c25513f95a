package io.supportagent.ratelimit;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Budgets of failed attempts (wrong keys, wrong passwords), as token buckets shared by every node through Redis when
 * it is configured, like the rate limits. An attempt is paid for before it is checked, and paid back when it
 * succeeds, so that concurrent guesses cannot all slip through while one is being checked.
 */
@Component
public class FailureBudgets {

    private static final String POLICY = "failures";

    private final Buckets buckets;

    FailureBudgets(Buckets buckets) {
        this.buckets = buckets;
    }

    /** Whether an attempt was paid for, and if not, how long until the budget has room again. */
    public record Payment(boolean paid, Duration retryAfter) {}

    /** Pays one attempt from the budget {@code key}, of {@code attempts} per {@code window}. */
    public Payment pay(String key, int attempts, Duration window) {
        Decision decision = buckets.consume("fail:" + key, limit(attempts, window));
        return new Payment(decision.allowed(), Duration.ofNanos(decision.nanosToRetry()));
    }

    /** Gives back an attempt that was paid for and turned out to be no failure. */
    public void refund(String key, int attempts, Duration window) {
        buckets.refund("fail:" + key, limit(attempts, window));
    }

    private static Limit limit(int attempts, Duration window) {
        return new Limit(POLICY, attempts / (window.toNanos() / 1e9), attempts);
    }
}
