package io.supportagent.usage;

import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.UsageEventId;
import io.supportagent.platform.web.ApiTags;
import io.supportagent.platform.web.Csv;
import io.supportagent.platform.web.ListPage;
import io.supportagent.platform.web.Pagination;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/usage/events}: the usage ledger, one event per counted conversation, so that an organization can
 * check what its usage and invoices count. JSON pages, or one period as CSV with {@code Accept: text/csv}.
 */
@RestController
@Tag(name = ApiTags.USAGE)
class UsageEventController {

    static final String CSV_HEADER = "id,conversation_id,store_id,agent_instance_id,period,counted_at";

    private final UsageService usage;

    UsageEventController(UsageService usage) {
        this.usage = usage;
    }

    /** A page of the ledger, for the API description (the answer is a {@link ListPage}). */
    record UsageEventList(String object, List<UsageEventView> data, boolean hasMore, String url) {}

    record UsageEventView(
            String id,
            String object,
            String conversationId,
            String storeId,
            String agentInstanceId,

            @Schema(description = "The billing period it was counted into, as YYYY-MM", example = "2026-12")
            String period,

            Instant countedAt) {

        static UsageEventView of(UsageEvent e) {
            return new UsageEventView(
                    e.id().toString(),
                    "usage_event",
                    e.conversationId().toString(),
                    e.storeId().toString(),
                    e.agentInstanceId().toString(),
                    YearMonth.from(e.periodStart()).toString(),
                    e.countedAt());
        }
    }

    @Operation(
            operationId = "listUsageEvents",
            summary = "List the usage ledger",
            description = "One event per counted conversation, written with the count itself: a period's events add"
                    + " up to its usage (`GET /v1/usage`, `/v1/usage/history`) and its invoice's `conversations`."
                    + " Newest first, of one `period` or all; events never change, and stay when their store is"
                    + " deleted. Only live conversations are counted, so a test key's ledger is empty. With `Accept:"
                    + " text/csv` (and a `period`) the whole period is exported, oldest first.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "A page of the ledger, or the period as CSV",
                            content = {
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = UsageEventList.class)),
                                @Content(mediaType = "text/csv", schema = @Schema(type = "string"))
                            }))
    @GetMapping("/v1/usage/events")
    ResponseEntity<ListPage<UsageEventView>> events(
            @Parameter(
                            description = "Only this billing period, as YYYY-MM (required for text/csv)",
                            example = "2026-12")
                    @RequestParam(required = false)
                    String period,
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletResponse response) {
        YearMonth month = period == null || period.isEmpty() ? null : BillingPeriod.parseMonth(period, "period");
        if (Csv.preferred(accept)) {
            if (month == null) {
                throw new InvalidRequest(
                        "A CSV export is of one period: send 'period' as YYYY-MM.",
                        Map.of("period", "required for text/csv"));
            }
            export(month, response);
            return null;
        }
        int size = Pagination.limit(limit);
        UsageEventId after = Pagination.id("starting_after", startingAfter, UsageEventId::new);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(ListPage.of(
                        usage.events(month, size + 1, after).stream()
                                .map(UsageEventView::of)
                                .toList(),
                        size,
                        "/v1/usage/events"));
    }

    /** The whole period, oldest first, written as it is read (RFC 4180; no field needs quoting). */
    private void export(YearMonth month, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(Csv.TEXT_CSV.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"usage-events-" + month + ".csv\"");
        try {
            PrintWriter out = response.getWriter();
            out.print(CSV_HEADER + "\r\n");
            usage.exportEvents(month, e -> {
                UsageEventView v = UsageEventView.of(e);
                out.print(v.id() + "," + v.conversationId() + "," + v.storeId() + "," + v.agentInstanceId() + ","
                        + v.period() + "," + v.countedAt() + "\r\n");
            });
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
