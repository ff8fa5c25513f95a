package io.supportagent.agents;

import io.supportagent.conversations.Conversation;
import io.supportagent.conversations.Message;

/** What happens while the agent answers one message, in order; streamed to SSE clients as it happens. */
public sealed interface ReplyEvent {

    /** The message was stored (before anything else happens). */
    record Accepted(Conversation conversation, Message message) implements ReplyEvent {}

    /** A piece of the reply's text. */
    record Delta(String text) implements ReplyEvent {}

    record Cited(Citation citation) implements ReplyEvent {}

    /** The conversation now belongs to people; the AI stays silent in it. */
    record HandedOff(String reason) implements ReplyEvent {}

    /**
     * The model failed or timed out: the text of the deltas so far is withdrawn (clients discard it), the graceful
     * reply follows as a delta, is stored as the reply, and the conversation is handed off.
     */
    record Failed(String code, String message) implements ReplyEvent {}

    /** The end: the stored reply (null when the AI stays silent) and the conversation as it is now. */
    record Done(Conversation conversation, Message message, Message reply) implements ReplyEvent {}
}
