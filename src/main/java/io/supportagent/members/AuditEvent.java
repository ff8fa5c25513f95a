package io.supportagent.members;

import io.supportagent.platform.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of an organization's audit log: who ({@code actorType} {@code member}, {@code api_key}, {@code operator}
 * or {@code system}, with an id and a label as they were then) did what ({@code action} such as
 * {@code api_key.created}) to which object, when, from which address.
 *
 * @param livemode the mode the action was taken in; null when it concerns both modes
 * @param details a JSON object, such as a changed field's {@code from} and {@code to}
 */
public record AuditEvent(
        UUID id,
        OrganizationId organizationId,
        Boolean livemode,
        String actorType,
        String actorId,
        String actorLabel,
        String action,
        String resourceType,
        String resourceId,
        String summary,
        String details,
        String clientAddress,
        Instant createdAt) {}
