package io.supportagent.webhooks;

import io.supportagent.platform.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/**
 * Where an organization receives events; {@code secret} signs them and is shown only when created.
 *
 * @param enabledEvents the event types it receives; null for all of them, those added later included
 * @param previousSecretExpiresAt until when the secret it had before its last roll still signs too; null when none does
 */
public record WebhookEndpoint(
        UUID id,
        OrganizationId organizationId,
        boolean livemode,
        String url,
        String description,
        String secret,
        Instant createdAt,
        java.util.List<String> enabledEvents,
        Instant previousSecretExpiresAt) {}
