package io.supportagent.conversations;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.web.ApiTags;
import io.supportagent.platform.web.ListPage;
import io.supportagent.platform.web.Pagination;
import io.supportagent.platform.web.ProblemResponse;
import io.supportagent.platform.web.RequestExample;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/conversations}: start one with an agent instance (counted as usage in live mode), list with filters,
 * read with its messages, hand off to a human, resolve. Each key sees only its own mode's conversations.
 */
@RestController
@Tag(name = ApiTags.CONVERSATIONS)
class ConversationController {

    static final Set<String> STATUSES = Set.of("open", "handed_off", "resolved");
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant AFTER_LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private final ConversationService conversations;

    ConversationController(ConversationService conversations) {
        this.conversations = conversations;
    }

    record StartConversation(
            @NotNull String agentInstanceId,
            @Size(max = 200) String customerName,
            @Email @Size(min = 1, max = 320) String customerEmail) {}

    record MessageView(
            String id,
            String object,
            String conversationId,
            String role,
            String content,

            // The agents module writes them; its messages document the same schema.
            @ArraySchema(
                    arraySchema = @Schema(types = {"array"}),
                    schema = @Schema(ref = "#/components/schemas/Citation"))
            @JsonRawValue
            String citations,

            Instant createdAt) {

        static MessageView of(Message m) {
            return new MessageView(
                    m.id().toString(),
                    "message",
                    m.conversationId().toString(),
                    m.role(),
                    m.content(),
                    m.citations(),
                    m.createdAt());
        }
    }

    record ConversationView(
            String id,
            String object,
            String storeId,
            String agentInstanceId,
            String customerName,
            String customerEmail,
            boolean customerEmailVerified,
            String customerReference,
            boolean livemode,

            @Schema(allowableValues = {"open", "handed_off", "resolved"})
            String status,

            @Schema(allowableValues = {"ai", "human"}) String owner,
            Instant createdAt,
            Instant updatedAt,
            Instant handedOffAt,
            Instant resolvedAt,
            List<MessageView> messages) {

        static ConversationView of(Conversation c, List<Message> messages) {
            return new ConversationView(
                    c.id().toString(),
                    "conversation",
                    c.storeId().toString(),
                    c.agentInstanceId().toString(),
                    c.customerName(),
                    c.customerEmail(),
                    c.customerEmailVerified(),
                    c.customerReference(),
                    c.livemode(),
                    c.status(),
                    c.owner(),
                    c.createdAt(),
                    c.updatedAt(),
                    c.handedOffAt(),
                    c.resolvedAt(),
                    messages == null
                            ? null
                            : messages.stream().map(MessageView::of).toList());
        }
    }

    /** The hot path of the API: one transaction, four round trips to the database (DatabaseRoundTripTests). */
    @Operation(
            operationId = "startConversation",
            summary = "Start a conversation",
            description = "Starts a conversation with one of the organization's agent instances, on its store. In"
                    + " live mode it is counted into the organization's usage (and its usage ledger) at once; beyond"
                    + " the organization's usage cap the answer is 402 `usage_limit_reached`. A paused instance"
                    + " answers 409 `agent_instance_paused`.")
    @RequestExample("""
            {"agent_instance_id": "7a1e4c2b-9d3f-4b6a-8c5e-0f1d2e3c4b5a", "customer_name": "Alice",
             "customer_email": "alice@example.com"}""")
    @ProblemResponse(status = 402, codes = "usage_limit_reached")
    @ProblemResponse(status = 404, codes = "not_found")
    @ProblemResponse(status = 409, codes = "agent_instance_paused")
    @PostMapping("/v1/conversations")
    @ResponseStatus(HttpStatus.CREATED)
    ConversationView start(@Valid @RequestBody StartConversation body) {
        AgentInstanceId instance = AgentInstanceId.parse(body.agentInstanceId());
        Conversation started =
                conversations.start(instance, blankToNull(body.customerName()), blankToNull(body.customerEmail()));
        return ConversationView.of(started, List.of());
    }

    @Operation(
            operationId = "listConversations",
            summary = "List conversations",
            description = "The conversations of the key's mode, newest first, without their messages; filtered by"
                    + " store, agent instance, status and creation time (`created[gte]`, `created[lt]`).")
    @GetMapping("/v1/conversations")
    ListPage<ConversationView> list(
            @RequestParam(name = "store_id", required = false) String storeId,
            @RequestParam(name = "agent_instance_id", required = false) String agentInstanceId,
            @RequestParam(required = false) String status,
            @RequestParam(name = "created[gte]", required = false) String createdGte,
            @RequestParam(name = "created[lt]", required = false) String createdLt,
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        int size = Pagination.limit(limit);
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidRequest(
                    "Parameter 'status' is invalid.", Map.of("status", "must be open, handed_off or resolved"));
        }
        ConversationFilter filter = new ConversationFilter(
                Pagination.id("store_id", storeId, StoreId::new),
                Pagination.id("agent_instance_id", agentInstanceId, AgentInstanceId::new),
                status,
                instant("created[gte]", createdGte),
                instant("created[lt]", createdLt),
                null);
        ConversationId after = Pagination.id("starting_after", startingAfter, ConversationId::new);
        return ListPage.of(
                conversations.conversations(filter, size + 1, after).stream()
                        .map(c -> ConversationView.of(c, null))
                        .toList(),
                size,
                "/v1/conversations");
    }

    /** The conversation and its messages, read in one transaction. */
    @Operation(
            operationId = "getConversation",
            summary = "Get a conversation with its messages",
            description = "The conversation and its messages, oldest first (system notes included).")
    @GetMapping("/v1/conversations/{id}")
    @Transactional(readOnly = true)
    ConversationView get(@PathVariable String id) {
        Conversation conversation = conversations.conversation(ConversationId.parse(id));
        return ConversationView.of(conversation, conversations.messagesOf(conversation));
    }

    @Operation(
            operationId = "handOffConversation",
            summary = "Hand a conversation off to people",
            description = "Status `handed_off`, owner `human`: the AI stays silent from then on. Again: unchanged."
                    + " A resolved conversation answers 409 `conversation_resolved`.")
    @ProblemResponse(status = 409, codes = "conversation_resolved")
    @PostMapping("/v1/conversations/{id}/handoff")
    ConversationView handOff(@PathVariable String id) {
        return ConversationView.of(conversations.handOff(ConversationId.parse(id)), null);
    }

    @Operation(
            operationId = "resolveConversation",
            summary = "Resolve a conversation",
            description = "Status `resolved` (whoever owns it keeps it). Again: unchanged.")
    @PostMapping("/v1/conversations/{id}/resolve")
    ConversationView resolve(@PathVariable String id) {
        return ConversationView.of(conversations.resolve(ConversationId.parse(id)), null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    static Instant instantParameter(String parameter, String text) {
        return instant(parameter, text);
    }

    private static Instant instant(String parameter, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(
                    "Parameter '" + parameter + "' is not an ISO-8601 timestamp.",
                    Map.of(parameter, "must be an ISO-8601 timestamp such as 2026-11-01T00:00:00Z"));
        }
        // Years of four digits: what ISO-8601 text without a sign can say, and PostgreSQL reads.
        if (at.isBefore(EARLIEST) || !at.isBefore(AFTER_LATEST)) {
            throw new InvalidRequest(
                    "Parameter '" + parameter + "' is out of range.",
                    Map.of(parameter, "must fall in the years 0001 to 9999"));
        }
        return at;
    }
}
