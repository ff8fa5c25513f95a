package io.supportagent.agents;

import io.supportagent.platform.ConversationId;
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
class ConversationMessagesController {

    private final SupportAgent agent;
    private final ReplyViews views;

    ConversationMessagesController(SupportAgent agent, ReplyViews views) {
        this.agent = agent;
        this.views = views;
    }

    record MessageRequest(
            @NotBlank String role,
            @NotBlank @Size(max = SupportAgent.MAX_CONTENT) String content) {}

    @PostMapping(path = "/v1/conversations/{id}/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ReplyViews.ExchangeView add(@PathVariable String id, @Valid @RequestBody MessageRequest request) {
        return views.exchange(agent.converse(ConversationId.parse(id), request.role(), request.content(), e -> {}));
    }

    @PostMapping(path = "/v1/conversations/{id}/messages", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void stream(@PathVariable String id, @Valid @RequestBody MessageRequest request, HttpServletResponse response) {
        agent.converse(ConversationId.parse(id), request.role(), request.content(), views.sse(response));
    }
}
