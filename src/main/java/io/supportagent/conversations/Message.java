package io.supportagent.conversations;

import io.supportagent.platform.ConversationId;
import io.supportagent.platform.MessageId;
import io.supportagent.platform.OrganizationId;
import java.time.Instant;

/**
 * One message of a conversation.
 *
 * @param role {@code customer}, {@code agent} (the AI), {@code human_agent} or {@code system}
 * @param citations JSON array of the articles an agent reply drew on
 */
public record Message(
        MessageId id,
        OrganizationId organizationId,
        ConversationId conversationId,
        String role,
        String content,
        String citations,
        Instant createdAt) {}
