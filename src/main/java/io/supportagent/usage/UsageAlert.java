package io.supportagent.usage;

import io.supportagent.platform.OrganizationId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A threshold crossed once in a period.
 *
 * @param threshold percentage of the included conversations
 * @param conversations the period's count at the crossing
 */
public record UsageAlert(
        UUID id,
        OrganizationId organizationId,
        LocalDate periodStart,
        int threshold,
        int conversations,
        int includedConversations,
        Instant crossedAt) {}
