package io.supportagent.webhooks;

import java.time.Instant;
import java.util.UUID;

/**
 * One event's delivery to one endpoint, as the delivery log shows it.
 *
 * @param status {@code pending}, {@code delivered} or {@code failed} (given up after the last retry)
 * @param lastStatusCode the HTTP status the endpoint answered last, or null (no answer: see {@code lastError})
 * @param nextAttemptAt when a pending delivery is tried next
 * @param payload the event as it is sent (signed), for the log's reader
 * @param lastResponse the start of what the endpoint answered last, or null
 * @param lastDurationMs how long the latest attempt took, or null (not tried yet)
 */
public record WebhookDelivery(
        UUID id,
        UUID endpointId,
        UUID eventId,
        String eventType,
        String status,
        int attempts,
        Integer lastStatusCode,
        String lastError,
        Instant nextAttemptAt,
        Instant deliveredAt,
        Instant createdAt,
        String payload,
        String lastResponse,
        Integer lastDurationMs) {}
