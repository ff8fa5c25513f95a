package io.supportagent.usage;

import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.UsageEventId;
import io.supportagent.platform.web.ListPage;
import io.supportagent.platform.web.Pagination;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Locale;
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
class UsageEventController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final String CSV_HEADER = "id,conversation_id,store_id,agent_instance_id,period,counted_at";

    private final UsageService usage;

    UsageEventController(UsageService usage) {
        this.usage = usage;
    }

    record UsageEventView(
            String id,
            String object,
            String conversationId,
            String storeId,
            String agentInstanceId,
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

    @GetMapping("/v1/usage/events")
    ResponseEntity<ListPage<UsageEventView>> events(
            @RequestParam(required = false) String period,
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletResponse response) {
        YearMonth month = period == null || period.isEmpty() ? null : BillingPeriod.parseMonth(period, "period");
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv")) {
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
        response.setContentType(CSV.toString());
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
