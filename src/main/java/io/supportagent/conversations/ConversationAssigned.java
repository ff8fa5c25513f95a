package io.supportagent.conversations;

/** A person took a conversation, or was given it. Published in the assigning transaction. */
public record ConversationAssigned(Conversation conversation, Teammate assignee) {}
