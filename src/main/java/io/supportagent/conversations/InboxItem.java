package io.supportagent.conversations;

import java.time.Instant;

/**
 * A conversation in the inbox's queue, with the shopper's latest message (null when there is none) and whether the
 * member looking has been shown it.
 */
public record InboxItem(
        Conversation conversation, String lastCustomerMessage, Instant lastCustomerMessageAt, boolean unread) {}
