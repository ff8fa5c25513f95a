package io.supportagent.conversations;

/** A person gave the conversation back to the AI. Published in the same transaction. */
public record ConversationHandedBack(Conversation conversation, Teammate by) {}
