package io.supportagent.members;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.supportagent.platform.Caller;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.web.ApiTags;
import io.supportagent.platform.web.ListPage;
import io.supportagent.platform.web.Pagination;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/audit-events}: the organization's audit log, newest first, cursor-paged like every list, filtered by
 * {@code action} (exact, or {@code member.} for every action on members), {@code resource_type}, {@code actor_type},
 * and {@code created_gte}/{@code created_lt} (ISO-8601). A test key sees only test-mode events.
 */
@RestController
@Tag(name = ApiTags.AUDIT)
class AuditEventController {

    private final AuditTrail audit;

    AuditEventController(AuditTrail audit) {
        this.audit = audit;
    }

    /** A page of the log, for the API description (the answer is a {@link ListPage}). */
    record AuditEventList(String object, List<AuditEventView> data, boolean hasMore, String url) {}

    record AuditEventView(
            String id,
            String object,
            Boolean livemode,
            Actor actor,
            String action,
            String resourceType,
            String resourceId,
            String summary,

            @Schema(
                    implementation = java.util.Map.class,
                    description = "What the action changed, by action: a key's name and mode, a member's"
                            + " email and role, a tier before and after. An object, empty when there is"
                            + " nothing to add to the summary.")
            @JsonRawValue
            String details,

            String clientAddress,
            Instant createdAt) {

        record Actor(String type, String id, String label) {}

        static AuditEventView of(AuditEvent e) {
            return new AuditEventView(
                    e.id().toString(),
                    "audit_event",
                    e.livemode(),
                    new Actor(e.actorType(), e.actorId(), e.actorLabel()),
                    e.action(),
                    e.resourceType(),
                    e.resourceId(),
                    e.summary(),
                    e.details(),
                    e.clientAddress(),
                    e.createdAt());
        }
    }

    @Operation(
            operationId = "listAuditEvents",
            summary = "List the audit log",
            description = "Who did what and when in the organization, newest first: keys issued, rolled and revoked,"
                    + " members invited, changed and removed, agent instances deployed and changed, tier changes,"
                    + " articles written. Each event names its actor (a member, a key or the operator), its resource"
                    + " and the client address. A test key sees test-mode events only. Events never change.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "A page of the log",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = AuditEventList.class))))
    @GetMapping("/v1/audit-events")
    ListPage<AuditEventView> list(
            Caller.SecretKey caller,
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            @Parameter(
                            description =
                                    "An exact action such as `api_key.created`, or a prefix ending in a dot such as"
                                            + " `member.` for every action on members")
                    @RequestParam(required = false)
                    String action,
            @Parameter(description = "Only events on this kind of resource, such as `api_key` or `member`")
                    @RequestParam(name = "resource_type", required = false)
                    String resourceType,
            @Parameter(description = "Only events by this kind of actor: `member`, `api_key`, `operator` or `system`")
                    @RequestParam(name = "actor_type", required = false)
                    String actorType,
            @Parameter(description = "Only events at or after this ISO-8601 UTC time", example = "2026-11-01T00:00:00Z")
                    @RequestParam(name = "created_gte", required = false)
                    String createdGte,
            @Parameter(description = "Only events before this ISO-8601 UTC time", example = "2026-12-01T00:00:00Z")
                    @RequestParam(name = "created_lt", required = false)
                    String createdLt) {
        int size = Pagination.limit(limit);
        UUID after = Pagination.id("starting_after", startingAfter, Function.identity());
        AuditFilter filter = new AuditFilter(
                blankToNull(action),
                blankToNull(resourceType),
                blankToNull(actorType),
                null,
                instant("created_gte", createdGte),
                instant("created_lt", createdLt));
        List<AuditEventView> page = audit.events(filter, size, after).stream()
                .map(AuditEventView::of)
                .toList();
        return ListPage.of(page, size, "/v1/audit-events");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Instant instant(String parameter, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(
                    "Parameter '" + parameter + "' must be an ISO-8601 UTC time such as 2026-11-01T00:00:00Z.",
                    Map.of(parameter, "must be an ISO-8601 time"));
        }
    }
}
