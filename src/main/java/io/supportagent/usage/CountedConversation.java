package io.supportagent.usage;

import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import java.time.Instant;

/** A live conversation being counted: what its usage event records. */
public record CountedConversation(
        OrganizationId organizationId,
        ConversationId conversationId,
        StoreId storeId,
        AgentInstanceId agentInstanceId,
        Instant at) {}
