package io.supportagent.conversations;

/**
 * A conversation passed from the AI to people, with the reason recorded on it. Published in the transaction that
 * handed it off, so that listeners (webhooks' outbox) commit or roll back with it.
 */
public record ConversationHandedOff(Conversation conversation, String reason) {}
