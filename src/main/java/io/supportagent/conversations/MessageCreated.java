package io.supportagent.conversations;

/**
 * A message the shopper sees was added (customer, AI or person; never the team's notes and system messages).
 * Published in the transaction that stored it.
 */
public record MessageCreated(Conversation conversation, Message message) {}
