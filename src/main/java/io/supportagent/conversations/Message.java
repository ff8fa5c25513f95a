package io.supportagent.conversations;

import io.supportagent.platform.ConversationId;
import io.supportagent.platform.MessageId;
import io.supportagent.platform.OrganizationId;
import java.time.Instant;

/**
 * One message of a conversation.
 *
 * @param role {@code customer}, {@code agent} (the AI), {@code human_agent}, {@code system} (why people took over or
 *     gave back; for the team), or {@code note} (an internal note of the team: never shown to the shopper)
 * @param citations JSON array of the articles an agent reply drew on
 * @param orderNumbers the orders an agent reply looked up and found (for the team; empty otherwise)
 */
public record Message(
        MessageId id,
        OrganizationId organizationId,
        ConversationId conversationId,
        String role,
        String content,
        String citations,
        Instant createdAt,
        Teammate author,
        java.util.List<String> orderNumbers) {

    /** Whether the shopper may see it: not the team's system messages and notes. */
    public boolean forShopper() {
        return !"system".equals(role) && !"note".equals(role);
    }
}
