package io.supportagent.agents;

import io.supportagent.conversations.Conversation;
import io.supportagent.conversations.Message;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** The JSON shapes of messages and of one exchange (a message and the agent's reply), shared by both APIs. */
@Component
public class ReplyViews {

    private final ObjectMapper json;

    ReplyViews(ObjectMapper json) {
        this.json = json;
    }

    public record MessageView(
            String id,
            String object,
            String conversationId,
            String role,
            String content,

            List<Citation> citations,

            Instant createdAt) {}

    public record ConversationState(String id, String status, String owner) {}

    /** A message and the agent's reply, {@code null} when the AI stays silent (people own the conversation). */
    public record ExchangeView(String object, MessageView message, MessageView reply, ConversationState conversation) {}

    public MessageView message(Message m) {
        return new MessageView(
                m.id().toString(),
                "message",
                m.conversationId().toString(),
                m.role(),
                m.content(),
                m.citations() == null ? List.of() : List.of(json.readValue(m.citations(), Citation[].class)),
                m.createdAt());
    }

    public ExchangeView exchange(ReplyEvent.Done done) {
        Conversation c = done.conversation();
        return new ExchangeView(
                "message_exchange",
                message(done.message()),
                done.reply() == null ? null : message(done.reply()),
                new ConversationState(c.id().toString(), c.status(), c.owner()));
    }

    /** Writes the events of one reply as server-sent events. */
    public SseReplyWriter sse(jakarta.servlet.http.HttpServletResponse response) {
        return new SseReplyWriter(response, json, this);
    }
}
