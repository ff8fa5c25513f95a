package io.supportagent.conversations;

import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.StoreId;
import java.time.Instant;

/**
 * Optional filters of a conversation list; null means any.
 *
 * @param handedOff whether the conversation was handed to people at some time (whatever its status now)
 */
public record ConversationFilter(
        StoreId store,
        AgentInstanceId agentInstance,
        String status,
        Instant createdGte,
        Instant createdLt,
        Boolean handedOff) {}
