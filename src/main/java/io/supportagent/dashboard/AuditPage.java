package io.supportagent.dashboard;

import io.supportagent.members.AuditEvent;
import io.supportagent.members.AuditFilter;
import io.supportagent.members.AuditTrail;
import io.supportagent.platform.MemberAccess;
import io.supportagent.platform.web.Pagination;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log: who did what and when, newest first, filtered by kind of object, action, actor and dates (UTC
 * days), with each changed field's value before and after. The filter form updates only the results through htmx (and works without it as a plain form).
 */
@DashboardPage
class AuditPage {

    static final int PAGE = 50;

    static final List<String> RESOURCE_TYPES = List.of(
            "api_key",
            "member",
            "invitation",
            "store",
            "agent_instance",
            "article",
            "organization",
            "webhook_endpoint");

    /** An action ({@code api_key.rolled}) or every action on a kind of object ({@code api_key.}). */
    static final java.util.regex.Pattern ACTION = java.util.regex.Pattern.compile("[a-z_]{1,50}(\\.[a-z_]{0,50})?");

    static final List<String> ACTOR_TYPES = List.of("member", "api_key", "operator", "system");

    private final AuditTrail audit;

    AuditPage(AuditTrail audit) {
        this.audit = audit;
    }

    record Filters(String action, String resourceType, String actorType, String actor, String from, String to) {

        public boolean any() {
            return action != null
                    || resourceType != null
                    || actorType != null
                    || actor != null
                    || from != null
                    || to != null;
        }
    }

    @GetMapping("/audit")
    @MemberAccess.Audit
    String log(
            @RequestParam(required = false) String action,
            @RequestParam(name = "resource_type", required = false) String resourceType,
            @RequestParam(name = "actor_type", required = false) String actorType,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            HttpServletRequest request,
            Model model) {
        Filters filters = filters(action, resourceType, actorType, actor, from, to);
        AuditFilter filter = filter(filters);
        UUID after = Pagination.id("starting_after", startingAfter, Function.identity());
        List<AuditEvent> page = audit.events(filter, PAGE, after);
        model.addAttribute("events", page.stream().limit(PAGE).toList());
        model.addAttribute("next", page.size() > PAGE ? page.get(PAGE - 1).id() : null);
        model.addAttribute("filters", filters);
        model.addAttribute("csvQuery", request.getQueryString() == null ? "" : "?" + request.getQueryString());
        model.addAttribute("resourceTypes", RESOURCE_TYPES);
        model.addAttribute("actorTypes", ACTOR_TYPES);
        if ("audit-results".equals(request.getHeader("HX-Target"))) {
            return "dashboard/audit :: results";
        }
        return "dashboard/audit";
    }

    private static Filters filters(
            String action, String resourceType, String actorType, String actor, String from, String to) {
        String wanted = blankToNull(action);
        return new Filters(
                wanted != null && ACTION.matcher(wanted.strip()).matches() ? wanted.strip() : null,
                resourceType != null && RESOURCE_TYPES.contains(resourceType) ? resourceType : null,
                actorType != null && ACTOR_TYPES.contains(actorType) ? actorType : null,
                blankToNull(actor),
                date(from) == null ? null : from,
                date(to) == null ? null : to);
    }

    private static AuditFilter filter(Filters filters) {
        LocalDate fromDay = date(filters.from());
        LocalDate toDay = date(filters.to());
        return new AuditFilter(
                filters.action(),
                filters.resourceType(),
                filters.actorType(),
                filters.actor(),
                fromDay == null ? null : fromDay.atStartOfDay(ZoneOffset.UTC).toInstant(),
                toDay == null
                        ? null
                        : toDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The most rows one CSV download holds; narrow the dates for more. */
    static final int CSV_ROWS = 50_000;

    /**
     * The same events as CSV (the filters of the page, newest first, at most {@value #CSV_ROWS}), for spreadsheets:
     * a cell that a spreadsheet would read as a formula is prefixed with an apostrophe.
     */
    @GetMapping(value = "/audit.csv")
    @MemberAccess.Audit
    void csv(
            @RequestParam(required = false) String action,
            @RequestParam(name = "resource_type", required = false) String resourceType,
            @RequestParam(name = "actor_type", required = false) String actorType,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            HttpServletResponse response)
            throws IOException {
        AuditFilter filter = filter(filters(action, resourceType, actorType, actor, from, to));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
        response.setHeader("Cache-Control", "no-store");
        Writer out = response.getWriter();
        out.write(
                "created_at,mode,actor_type,actor,action,resource_type,resource_id,summary,client_address,details\r\n");
        UUID after = null;
        int written = 0;
        while (written < CSV_ROWS) {
            List<AuditEvent> page = audit.events(filter, 100, after);
            for (AuditEvent e : page.stream().limit(100).toList()) {
                out.write(String.join(
                        ",",
                        cell(e.createdAt().toString()),
                        cell(e.livemode() == null ? "both" : e.livemode() ? "live" : "test"),
                        cell(e.actorType()),
                        cell(e.actorLabel()),
                        cell(e.action()),
                        cell(e.resourceType()),
                        cell(e.resourceId()),
                        cell(e.summary()),
                        cell(e.clientAddress()),
                        cell(e.details())));
                out.write("\r\n");
                written++;
            }
            if (page.size() <= 100) {
                break;
            }
            after = page.get(99).id();
        }
        out.flush();
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
