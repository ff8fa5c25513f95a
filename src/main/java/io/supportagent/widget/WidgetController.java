package io.supportagent.widget;

import io.supportagent.agents.AgentProfile;
import io.supportagent.agents.AgentService;
import io.supportagent.agents.ReplyViews;
import io.supportagent.agents.SupportAgent;
import io.supportagent.conversations.Conversation;
import io.supportagent.conversations.ConversationService;
import io.supportagent.platform.Caller;
import io.supportagent.platform.web.ApiTags;
import io.supportagent.platform.web.ProblemResponse;
import io.supportagent.platform.web.RequestExample;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = ApiTags.WIDGET)
class WidgetController {

    static final String TOKEN_HEADER = "X-Conversation-Token";

    private final AgentService agents;
    private final SupportAgent agent;
    private final ConversationService conversations;
    private final WidgetConversations widgetConversations;
    private final ReplyViews views;

    WidgetController(
            AgentService agents,
            SupportAgent agent,
            ConversationService conversations,
            WidgetConversations widgetConversations,
            ReplyViews views) {
        this.agents = agents;
        this.agent = agent;
        this.conversations = conversations;
        this.widgetConversations = widgetConversations;
        this.views = views;
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
            @Size(max = 200) String customerName,
            @Email @Size(max = 320) String customerEmail) {}

    record StartedView(String id, String object, String token, String status, Instant createdAt) {}

    @Operation(
            operationId = "startWidgetConversation",
            summary = "Start a conversation from the widget",
            description = "Starts (and, as always in live mode, counts) a conversation with the widget key's agent"
                    + " instance, and answers its `token`: send it as `X-Conversation-Token` to open this"
                    + " conversation again. Beyond the organization's usage cap: 402 `usage_limit_reached`.")
    @RequestExample("""
            {"customer_name": "Alice", "customer_email": "alice@example.com"}""")
    @ProblemResponse(status = 402, codes = "usage_limit_reached")
    @ProblemResponse(status = 409, codes = "agent_instance_paused")
    @PostMapping("/widget/v1/conversations")
    @ResponseStatus(HttpStatus.CREATED)
    StartedView start(
            @Parameter(hidden = true) Caller.Widget caller,
            @Valid @RequestBody(required = false) StartRequest request) {
        StartRequest r = request == null ? new StartRequest(null, null) : request;
        var started = widgetConversations.start(caller, blankToNull(r.customerName()), blankToNull(r.customerEmail()));
        Conversation c = started.conversation();
        return new StartedView(c.id().toString(), "conversation", started.token(), c.status(), c.createdAt());
    }

    record HistoryView(String id, String object, String status, String owner, List<ReplyViews.MessageView> messages) {}

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
                conversations.messagesOf(c).stream()
                        .filter(m -> !m.role().equals("system"))
                        .map(views::message)
                        .toList());
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
