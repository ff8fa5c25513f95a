package io.supportagent.usage;

import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.UsageEventId;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One counted conversation in the usage ledger, written by the statement that counted it and never changed after.
 *
 * @param periodStart the first day of the billing month it was counted into, in the organization's billing time zone
 */
public record UsageEvent(
        UsageEventId id,
        OrganizationId organizationId,
        ConversationId conversationId,
        StoreId storeId,
        AgentInstanceId agentInstanceId,
        LocalDate periodStart,
        Instant countedAt) {}
