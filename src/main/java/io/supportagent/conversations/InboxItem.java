package io.supportagent.conversations;

import java.time.Instant;

/** A conversation in the inbox's queue, with the shopper's latest message (null when there is none). */
public record InboxItem(Conversation conversation, String lastCustomerMessage, Instant lastCustomerMessageAt) {}
