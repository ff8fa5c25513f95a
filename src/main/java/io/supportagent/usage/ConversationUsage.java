package io.supportagent.usage;

import io.supportagent.platform.OrganizationId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Live conversations counted for one organization in one billing period.
 *
 * @param periodStart the first day of the billing month, in the organization's billing time zone
 * @param migratedConversations the earlier single-tenant system's conversations of the period, before the migration:
 *     history only, never counted toward the allowance or billed
 * @param thresholdsCrossed percentages of the included conversations already alerted on in this period
 */
public record ConversationUsage(
        OrganizationId organizationId,
        LocalDate periodStart,
        int conversations,
        List<Integer> thresholdsCrossed,
        Instant updatedAt,
        int migratedConversations) {}
