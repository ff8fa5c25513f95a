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
 * @param customerReference the store's id for the shopper, from a verified identity; else null
 * @param customerEmailVerified whether the store vouched for {@code customerEmail} (identity verification)
 * @param assignee the person who took it in the inbox, or null
 * @param firstHumanReplyAt when a person first replied to the shopper, or null
 * @param rating the shopper's 1–5 rating after resolution, or null
 * @param ratingRequested whether the shopper is (or, once resolved, was) asked for a rating; the person resolving it
 *     may choose not to
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
        Instant resolvedAt,
        String customerReference,
        boolean customerEmailVerified,
        Teammate assignee,
        Instant assignedAt,
        Instant firstHumanReplyAt,
        Integer rating,
        String ratingComment,
        Instant waitingSince,
        boolean ratingRequested) {

    /** Whether the shopper waits for people: handed off and not resolved. */
    public boolean waitingForPeople() {
        return "handed_off".equals(status);
    }
}
