package io.supportagent.conversations;

/** A conversation was resolved. Published in the resolving transaction. */
public record ConversationResolved(Conversation conversation) {}
