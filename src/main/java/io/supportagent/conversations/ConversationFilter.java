package io.supportagent.conversations;

import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.StoreId;
import java.time.Instant;

/** Optional filters of a conversation list; null means any. */
public record ConversationFilter(
        StoreId store, AgentInstanceId agentInstance, String status, Instant createdGte, Instant createdLt) {}
