package io.supportagent.webhooks;

import java.time.Instant;

/**
 * One attempt of a delivery, as its history shows it.
 *
 * @param attempt its number among the delivery's attempts, from 1 (a Resend adds one more)
 * @param attemptedAt when it began
 * @param statusCode the HTTP status the endpoint answered, or null (no answer: see {@code error})
 * @param error why it failed (an HTTP status out of 2xx, a timeout, a refused address), or null when it succeeded
 * @param response the start of the endpoint's answer (at most 500 characters, without control characters), or null
 * @param durationMs how long it took, or null when nothing was sent
 */
public record WebhookDeliveryAttempt(
        int attempt, Instant attemptedAt, Integer statusCode, String error, String response, Integer durationMs) {

    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
