package io.supportagent.conversations;

import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import java.time.Instant;

/**
 * A conversation of a shopper with a store's agent instance.
 *
 * @param livemode false when started with a test key: never counted nor billed
 * @param status {@code open}, {@code handed_off} or {@code resolved}
 * @param owner who answers now: {@code ai} or {@code human}
 */
public record Conversation(
        ConversationId id,
        OrganizationId organizationId,
        StoreId storeId,
        AgentInstanceId agentInstanceId,
        String customerName,
        String customerEmail,
        boolean livemode,
        String status,
        String owner,
        Instant createdAt,
        Instant updatedAt,
        Instant handedOffAt,
        Instant resolvedAt) {}
