package io.supportagent.widget;

import io.supportagent.agents.AgentProfile;
import io.supportagent.agents.AgentService;
import io.supportagent.agents.ReplyViews;
import io.supportagent.agents.SseReplyWriter;
import io.supportagent.agents.SupportAgent;
import io.supportagent.conversations.Conversation;
import io.supportagent.conversations.ConversationService;
import io.supportagent.platform.Caller;
import io.supportagent.ratelimit.ConversationStartLimit;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The widget API a shopper's browser calls with the agent instance's public key. */
@RestController
class WidgetController {

    static final String TOKEN_HEADER = "X-Conversation-Token";

    private final AgentService agents;
    private final SupportAgent agent;
    private final ConversationService conversations;
    private final WidgetConversations widgetConversations;
    private final ReplyViews views;
    private final ConversationStartLimit starts;

    WidgetController(
            AgentService agents,
            SupportAgent agent,
            ConversationService conversations,
            WidgetConversations widgetConversations,
            ReplyViews views,
            ConversationStartLimit starts) {
        this.agents = agents;
        this.agent = agent;
        this.conversations = conversations;
        this.widgetConversations = widgetConversations;
        this.views = views;
        this.starts = starts;
    }

    record Colors(String primary) {}

    record ConfigView(String object, String name, String greeting, Colors colors) {}

    @GetMapping("/widget/v1/config")
    ConfigView config(@Parameter(hidden = true) Caller.Widget caller) {
        AgentProfile profile = agents.profile(caller.agentInstanceId());
        return new ConfigView(
                "widget_config",
                profile.displayName(),
                profile.text("greeting", "Hi! How can we help you today?"),
                new Colors(color(profile.text("primary_color", "#2563eb"))));
    }

    record StartRequest(
            @NotBlank @Size(max = SupportAgent.MAX_CONTENT) String message,
            @Size(max = 200) String customerName,
            @Email @Size(max = 320) String customerEmail,
            @Size(max = 200) String conversationToken,
            @Size(max = 4096) String identityToken) {

        WidgetConversations.Start toStart() {
            return new WidgetConversations.Start(
                    message, blankToNull(customerName), blankToNull(customerEmail), conversationToken, identityToken);
        }
    }

    /** The conversation a start opened: its token only when the platform made it (shown once). */
    record OpenedView(String id, String object, String token, Instant createdAt) {

        static OpenedView of(WidgetConversations.Started started) {
            Conversation c = started.conversation();
            return new OpenedView(c.id().toString(), "conversation", started.issuedToken(), c.createdAt());
        }
    }

    record StartedView(
            String id,
            String object,
            String token,
            Instant createdAt,
            ReplyViews.MessageView message,
            ReplyViews.MessageView reply,
            ReplyViews.ConversationState conversation) {}

    /**
     * Starts a conversation with the shopper's first message and answers it. Counted once, and only with a message:
     * opening the chat panel starts nothing.
     */
    @PostMapping(path = "/widget/v1/conversations", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    StartedView start(
            @Parameter(hidden = true) Caller.Widget caller,
            @Valid @RequestBody StartRequest request,
            HttpServletRequest http) {
        starts.take(caller, http.getRemoteAddr());
        WidgetConversations.Started started = widgetConversations.start(caller, request.toStart());
        ReplyViews.ExchangeView exchange =
                views.exchange(agent.respond(started.conversation(), started.firstMessage(), e -> {}));
        OpenedView opened = OpenedView.of(started);
        return new StartedView(
                opened.id(),
                opened.object(),
                opened.token(),
                opened.createdAt(),
                exchange.message(),
                exchange.reply(),
                exchange.conversation());
    }

    /** As the JSON start, streamed: a {@code conversation} event first, then the reply's events. */
    @PostMapping(path = "/widget/v1/conversations", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void startStreaming(
            @Parameter(hidden = true) Caller.Widget caller,
            @Valid @RequestBody StartRequest request,
            HttpServletRequest http,
            HttpServletResponse response) {
        starts.take(caller, http.getRemoteAddr());
        WidgetConversations.Started started = widgetConversations.start(caller, request.toStart());
        SseReplyWriter stream = views.sse(response);
        stream.write("conversation", OpenedView.of(started));
        agent.respond(started.conversation(), started.firstMessage(), stream);
    }

    record HistoryView(String id, String object, String status, String owner, List<ReplyViews.MessageView> messages) {}

    @GetMapping("/widget/v1/conversations/{id}")
    HistoryView history(
            @Parameter(hidden = true) Caller.Widget caller,
            @PathVariable String id,
            @RequestHeader(name = TOKEN_HEADER, required = false) String token) {
        Conversation c = widgetConversations.open(caller, id, token);
        return new HistoryView(
                c.id().toString(),
                "conversation",
                c.status(),
                c.owner(),
                conversations.messagesOf(c).stream()
                        .filter(m -> !m.role().equals("system"))
                        .map(views::message)
                        .toList());
    }

    record MessageRequest(
            @NotBlank @Size(max = SupportAgent.MAX_CONTENT) String content) {}

    @PostMapping(path = "/widget/v1/conversations/{id}/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ReplyViews.ExchangeView send(
            @Parameter(hidden = true) Caller.Widget caller,
            @PathVariable String id,
            @RequestHeader(name = TOKEN_HEADER, required = false) String token,
            @Valid @RequestBody MessageRequest request) {
        Conversation c = widgetConversations.open(caller, id, token);
        return views.exchange(agent.converse(c, "customer", request.content(), e -> {}));
    }

    @PostMapping(path = "/widget/v1/conversations/{id}/messages", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void stream(
            @Parameter(hidden = true) Caller.Widget caller,
            @PathVariable String id,
            @RequestHeader(name = TOKEN_HEADER, required = false) String token,
            @Valid @RequestBody MessageRequest request,
            HttpServletResponse response) {
        Conversation c = widgetConversations.open(caller, id, token);
        agent.converse(c, "customer", request.content(), views.sse(response));
    }

    private static String color(String value) {
        return value.matches("#[0-9a-fA-F]{3,8}") ? value : "#2563eb"; // never let odd config reach the page
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
