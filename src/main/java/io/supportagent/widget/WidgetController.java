package io.supportagent.widget;

import io.supportagent.agents.AgentProfile;
import io.supportagent.agents.AgentService;
import io.supportagent.agents.ReplyEvent;
import io.supportagent.agents.ReplyViews;
import io.supportagent.agents.SseReplyWriter;
import io.supportagent.agents.SupportAgent;
import io.supportagent.conversations.Conversation;
import io.supportagent.conversations.ConversationService;
import io.supportagent.conversations.Message;
import io.supportagent.platform.Caller;
import io.supportagent.platform.web.ApiTags;
import io.supportagent.platform.web.ProblemResponse;
import io.supportagent.platform.web.RequestExample;
import io.supportagent.ratelimit.ConversationStartLimit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
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
@Tag(name = ApiTags.WIDGET)
class WidgetController {

    static final String TOKEN_HEADER = "X-Conversation-Token";

    private final AgentService agents;
    private final SupportAgent agent;
    private final ConversationService conversations;
    private final WidgetConversations widgetConversations;
    private final ReplyViews views;
    private final ConversationStartLimit starts;
    private final io.supportagent.conversations.ConversationStreams streams;

    WidgetController(
            AgentService agents,
            SupportAgent agent,
            ConversationService conversations,
            WidgetConversations widgetConversations,
            ReplyViews views,
            ConversationStartLimit starts,
            io.supportagent.conversations.ConversationStreams streams) {
        this.streams = streams;
        this.agents = agents;
        this.agent = agent;
        this.conversations = conversations;
        this.widgetConversations = widgetConversations;
        this.views = views;
        this.starts = starts;
    }

    record Colors(String primary) {}

    record ConfigView(String object, String name, String greeting, Colors colors) {}

    @Operation(
            operationId = "getWidgetConfig",
            summary = "Get the widget's configuration",
            description = "The agent instance's display name, greeting and colours, for the chat panel.")
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
            @Email @Size(min = 1, max = 320) String customerEmail,

            @Schema(
                    pattern = "^ct_[A-Za-z0-9_-]{43,128}$",
                    description = "Your own token for the conversation: ct_ and 43 to 128 base64url characters (at"
                            + " least 256 random bits).")
            @Size(max = 200)
            String conversationToken,

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
    @Operation(
            operationId = "startWidgetConversation",
            summary = "Start a conversation from the widget, with the shopper's first message",
            description = "Starts (and counts, in the same transaction) a conversation with the widget key's agent"
                    + " instance together with the shopper's first message, and answers that message: opening the"
                    + " chat starts nothing. Send a `conversation_token` of your own (`ct_` and 43+ base64url"
                    + " characters) to open the conversation again as `X-Conversation-Token`; without one, the answer"
                    + " carries a `token` made here, shown once. An `identity_token` (HS256 JWT signed with the"
                    + " instance's identity secret) makes the shopper verified. With `Accept: text/event-stream` the"
                    + " answer streams: a `conversation` event, then the reply's events. Beyond the organization's"
                    + " usage cap: 402 `usage_limit_reached`.")
    @RequestExample("""
            {"message": "How long does shipping take?", "customer_name": "Alice",
             "conversation_token": "ct_mN3kV9xQ2pL7sT1wZ5yB8cR4dF6gH0jK2lM4nP6qR8s"}""")
    @ProblemResponse(
            status = 401,
            codes = {"invalid_identity_token", "identity_required"})
    @ProblemResponse(status = 402, codes = "usage_limit_reached")
    @ProblemResponse(status = 409, codes = "agent_instance_paused")
    @PostMapping(path = "/widget/v1/conversations", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    StartedView start(
            @Parameter(hidden = true) Caller.Widget caller,
            @Valid @RequestBody StartRequest request,
            @Parameter(hidden = true) HttpServletRequest http) {
        starts.take(caller, http.getRemoteAddr());
        WidgetConversations.Started started = widgetConversations.start(caller, request.toStart());
        ReplyViews.ExchangeView exchange = views.exchange(answer(started, e -> {}));
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

    /**
     * As the JSON start, streamed: a {@code conversation} event first, then the reply's events. Described with
     * {@link #start}: a generated client asks for JSON, the widget streams.
     */
    @Operation(hidden = true)
    @PostMapping(path = "/widget/v1/conversations", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void startStreaming(
            @Parameter(hidden = true) Caller.Widget caller,
            @Valid @RequestBody StartRequest request,
            @Parameter(hidden = true) HttpServletRequest http,
            HttpServletResponse response) {
        starts.take(caller, http.getRemoteAddr());
        WidgetConversations.Started started = widgetConversations.start(caller, request.toStart());
        SseReplyWriter stream = views.sse(response);
        stream.write("conversation", OpenedView.of(started));
        answer(started, stream);
    }

    /**
     * The agent's answer to the first message; for a start resumed after a failure (same Idempotency-Key), the reply
     * it already has, else the reply made now (the request that started it died before the agent answered).
     */
    private ReplyEvent.Done answer(WidgetConversations.Started started, Consumer<ReplyEvent> events) {
        Message reply = started.reply();
        if (reply == null) {
            return agent.respond(started.conversation(), started.firstMessage(), events);
        }
        events.accept(new ReplyEvent.Accepted(started.conversation(), started.firstMessage()));
        events.accept(new ReplyEvent.Delta(reply.content()));
        ReplyEvent.Done done = new ReplyEvent.Done(started.conversation(), started.firstMessage(), reply);
        events.accept(done);
        return done;
    }

    /** A message as the shopper sees it; {@code author_name} is the person's display name on a team reply. */
    @Schema(name = "WidgetMessage")
    record WidgetMessageView(
            String id,
            String object,
            String role,
            String content,
            List<io.supportagent.agents.Citation> citations,
            String authorName,
            Instant createdAt) {}

    /**
     * @param agentName the display name of the person who took the conversation, when one has
     * @param rating the shopper's rating once given
     * @param ratingRequested whether the shopper is asked for a rating once it is resolved (the person resolving may
     *     choose not to ask)
     */
    record HistoryView(
            String id,
            String object,
            String status,
            String owner,
            String agentName,
            Integer rating,
            boolean ratingRequested,
            List<WidgetMessageView> messages) {}

    @Operation(
            operationId = "getWidgetConversation",
            summary = "Get a widget conversation's messages",
            description = "The conversation's status and messages as the shopper sees them (no system notes).")
    @GetMapping("/widget/v1/conversations/{id}")
    HistoryView history(
            @Parameter(hidden = true) Caller.Widget caller,
            @PathVariable String id,
            @Parameter(hidden = true) @RequestHeader(name = TOKEN_HEADER, required = false) String token) {
        Conversation c = widgetConversations.open(caller, id, token);
        return new HistoryView(
                c.id().toString(),
                "conversation",
                c.status(),
                c.owner(),
                c.assignee() == null ? null : c.assignee().name(),
                c.rating(),
                c.ratingRequested(),
                conversations.messagesOf(c).stream()
                        .filter(io.supportagent.conversations.Message::forShopper)
                        .map(m -> {
                            ReplyViews.MessageView v = views.message(m);
                            return new WidgetMessageView(
                                    v.id(),
                                    v.object(),
                                    v.role(),
                                    v.content(),
                                    v.citations(),
                                    "human_agent".equals(m.role()) && m.author() != null
                                            ? m.author().name()
                                            : null,
                                    v.createdAt());
                        })
                        .toList());
    }

    @Operation(
            operationId = "followWidgetConversation",
            summary = "Follow a widget conversation as server-sent events",
            description = "A stream (`text/event-stream`) that says when the conversation changes: `event: ready`"
                    + " at once, then `event: conversation` `{id, what}` when a person joins, replies, hands it back"
                    + " or resolves it (`what`: `assigned`, `message`, `handed_back`, `resolved`, …). Read the"
                    + " conversation again on each. It ends after 5 minutes; connect again.")
    @GetMapping(path = "/widget/v1/conversations/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    org.springframework.web.servlet.mvc.method.annotation.SseEmitter follow(
            @Parameter(hidden = true) Caller.Widget caller,
            @PathVariable String id,
            @Parameter(hidden = true) @RequestHeader(name = TOKEN_HEADER, required = false) String token,
            @Parameter(hidden = true) HttpServletResponse response) {
        Conversation c = widgetConversations.open(caller, id, token);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        return streams.conversation(c.organizationId(), c.id());
    }

    record RatingRequest(
            @jakarta.validation.constraints.NotNull
            @jakarta.validation.constraints.Min(1)
            @jakarta.validation.constraints.Max(5)
            Integer rating,

            @Size(max = 2000) String comment) {}

    record RatingView(String id, String object, int rating, String comment) {}

    @Operation(
            operationId = "rateWidgetConversation",
            summary = "Rate a resolved conversation",
            description = "The shopper's 1–5 rating of the conversation, with an optional comment (at most 2,000"
                    + " characters), once it is resolved and only once; only when the conversation asks for one"
                    + " (`rating_requested`).")
    @RequestExample("""
            {"rating": 5, "comment": "Quick and friendly, thank you!"}""")
    @ProblemResponse(
            status = 409,
            codes = {"conversation_not_resolved", "already_rated", "rating_not_requested"})
    @PostMapping("/widget/v1/conversations/{id}/rating")
    RatingView rate(
            @Parameter(hidden = true) Caller.Widget caller,
            @PathVariable String id,
            @Parameter(hidden = true) @RequestHeader(name = TOKEN_HEADER, required = false) String token,
            @Valid @RequestBody RatingRequest request) {
        Conversation c = widgetConversations.open(caller, id, token);
        Conversation rated = conversations.rate(c, request.rating(), request.comment());
        return new RatingView(rated.id().toString(), "conversation_rating", rated.rating(), rated.ratingComment());
    }

    @Schema(name = "WidgetMessageRequest")
    record MessageRequest(
            @NotBlank @Size(max = SupportAgent.MAX_CONTENT) String content) {}

    @Operation(
            operationId = "sendWidgetMessage",
            summary = "Send the shopper's message",
            description = "Adds the shopper's message and answers the agent's reply (null once people own the"
                    + " conversation). With `Accept: text/event-stream` the answer is 200 and streams the reply as"
                    + " server-sent events: `message`, `delta`, `citation`, `error`, `handoff` and `done` (this"
                    + " operation's JSON answer).")
    @RequestExample("""
            {"content": "Do you ship to Canada?"}""")
    @ProblemResponse(status = 409, codes = "conversation_resolved")
    @PostMapping(path = "/widget/v1/conversations/{id}/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ReplyViews.ExchangeView send(
            @Parameter(hidden = true) Caller.Widget caller,
            @PathVariable String id,
            @Parameter(hidden = true) @RequestHeader(name = TOKEN_HEADER, required = false) String token,
            @Valid @RequestBody MessageRequest request) {
        Conversation c = widgetConversations.open(caller, id, token);
        return views.exchange(agent.converse(c, "customer", request.content(), e -> {}));
    }

    /** Described with {@link #send}: a generated client asks for JSON, the widget streams. */
    @Operation(hidden = true)
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
