package io.supportagent.agents;

import io.supportagent.platform.ConversationId;
import io.supportagent.platform.web.ApiTags;
import io.supportagent.platform.web.ProblemResponse;
import io.supportagent.platform.web.RequestExample;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/conversations/{id}/messages}: the organization's systems add a customer's message (the agent
 * answers) or a human agent's (people take the conversation over; the AI is silent from then on). JSON, or
 * server-sent events with {@code Accept: text/event-stream}.
 */
@RestController
@Tag(name = ApiTags.CONVERSATIONS)
class ConversationMessagesController {

    private final SupportAgent agent;
    private final ReplyViews views;

    ConversationMessagesController(SupportAgent agent, ReplyViews views) {
        this.agent = agent;
        this.views = views;
    }

    record MessageRequest(
            @NotBlank @Schema(allowableValues = {"customer", "human_agent"})
            String role,

            @NotBlank @Size(max = SupportAgent.MAX_CONTENT) String content) {}

    @Operation(
            operationId = "sendMessage",
            summary = "Add a message to a conversation",
            description = "A `customer` message gets the agent's reply (`reply`; null once people own the"
                    + " conversation). A `human_agent` message hands the conversation to people: the AI stays silent"
                    + " in it from then on. With `Accept: text/event-stream` the answer is 200 and streams the reply"
                    + " as server-sent events: `message` (the stored message), `delta` (pieces of text), `citation`,"
                    + " `error` (discard the deltas so far; the graceful reply follows), `handoff` and `done` (this"
                    + " operation's JSON answer).")
    @RequestExample("""
            {"role": "customer", "content": "Where is my order 1001? My email is alice@example.com."}""")
    @ProblemResponse(status = 409, codes = "conversation_resolved")
    @PostMapping(path = "/v1/conversations/{id}/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ReplyViews.ExchangeView add(@PathVariable String id, @Valid @RequestBody MessageRequest request) {
        return views.exchange(agent.converse(ConversationId.parse(id), request.role(), request.content(), e -> {}));
    }

    /** Described with {@link #add}: a generated client asks for JSON, a browser may stream. */
    @Operation(hidden = true)
    @PostMapping(path = "/v1/conversations/{id}/messages", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void stream(@PathVariable String id, @Valid @RequestBody MessageRequest request, HttpServletResponse response) {
        agent.converse(ConversationId.parse(id), request.role(), request.content(), views.sse(response));
    }
}
