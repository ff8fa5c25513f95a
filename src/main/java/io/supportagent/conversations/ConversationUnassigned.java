package io.supportagent.conversations;

/**
 * Nobody has the conversation any more: {@code previous} had it until {@code reason} ({@code "claim_expired"}: the
 * shopper waited too long for them; {@code "handed_back"}: the team gave it back to the AI, see
 * {@link ConversationHandedBack}). Published in the releasing transaction.
 */
public record ConversationUnassigned(Conversation conversation, Teammate previous, String reason) {}
