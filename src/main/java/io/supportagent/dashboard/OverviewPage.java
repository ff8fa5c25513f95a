package io.supportagent.dashboard;

import io.supportagent.billing.BillingService;
import io.supportagent.billing.Invoice;
import io.supportagent.billing.UsageReport;
import io.supportagent.conversations.ConversationService;
import io.supportagent.conversations.SupportAnalytics;
import io.supportagent.conversations.SupportMetrics;
import io.supportagent.platform.MemberAccess;
import io.supportagent.platform.TenantContext;
import io.supportagent.usage.UsageAlert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The overview: this period's conversations against the included ones ("X of Y (Z%)", warnings at 80% and 100%),
 * thresholds crossed, the upcoming invoice, and charts of the last 12 months and of this month's days, each with a
 * table, the period and its time zone stated. Shown on the home page to the roles that see billing.
 */
@Component
class OverviewPage {

    private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH_LABEL = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_MONTH = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);

    private final BillingService billing;
    private final ConversationService conversations;
    private final io.supportagent.tenancy.TenancyService tenancy;
    private final Clock clock;

    OverviewPage(
            BillingService billing,
            ConversationService conversations,
            io.supportagent.tenancy.TenancyService tenancy,
            Clock clock) {
        this.billing = billing;
        this.conversations = conversations;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /** How full the allowance is: below 80%, from 80%, from 100%. */
    enum Level {
        OK,
        WARNING,
        OVER
    }

    record Overview(
            UsageReport usage,
            int meter,
            Level level,
            List<UsageAlert> crossings,
            Invoice upcoming,
            Long projection,
            Chart days,
            Chart months,
            Instant asOf) {}

    @MemberAccess.Billing
    String render(Model model) {
        boolean livemode = TenantContext.require().livemode();
        UsageReport usage = billing.currentUsage();
        Instant now = clock.instant();
        Map<LocalDate, Integer> byDay = conversations.countsByDay(
                usage.period().start(), usage.period().end(), usage.period().zone());
        Chart days = days(usage, byDay, now, livemode);
        int counted = livemode ? usage.conversations() : (int) days.total();
        int included = usage.includedConversations();
        int meter = included == 0 ? 0 : (int) Math.min(100, Math.round(counted * 100.0 / included));
        Level level = included == 0
                ? Level.OK
                : counted >= included ? Level.OVER : counted * 10L >= included * 8L ? Level.WARNING : Level.OK;
        Overview overview = new Overview(
                usage,
                meter,
                level,
                usage.alerts(),
                livemode ? billing.upcoming() : null,
                livemode ? projection(usage, now) : null,
                days,
                livemode ? months(usage) : null,
                now);
        model.addAttribute("overview", overview);
        model.addAttribute("analytics", supportAnalytics(now));
        model.addAttribute("counted", counted);
        return "dashboard/overview";
    }

    /** A row of the support table: all, a store, or an agent definition version. */
    record SupportRow(String key, String label, SupportMetrics m) {}

    /** The support figures of the days asked for ({@code support_from}, {@code support_to}; default 30 days), UTC. */
    record SupportView(String fromDay, String toDay, List<SupportRow> rows) {}

    private SupportView supportAnalytics(Instant now) {
        var request = ((org.springframework.web.context.request.ServletRequestAttributes)
                        org.springframework.web.context.request.RequestContextHolder.currentRequestAttributes())
                .getRequest();
        LocalDate today = now.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        LocalDate to = day(request.getParameter("support_to"), today);
        LocalDate from = day(request.getParameter("support_from"), to.minusDays(29));
        if (from.isAfter(to)) {
            from = to;
        }
        SupportAnalytics a = conversations.analytics(
                from.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                to.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        Map<String, String> storeNames = new HashMap<>();
        tenancy.stores(100, null).forEach(s -> storeNames.put(s.id().toString(), s.name()));
        List<SupportRow> rows = new ArrayList<>();
        rows.add(new SupportRow("all", "All conversations", a.total()));
        a.stores()
                .forEach(s -> rows.add(new SupportRow(
                        "store-" + s.storeId(),
                        "Store: "
                                + storeNames.getOrDefault(
                                        s.storeId().toString(), s.storeId().toString()),
                        s.metrics())));
        a.versions()
                .forEach(v -> rows.add(new SupportRow(
                        "version-"
                                + (v.definitionId() == null
                                        ? "unknown"
                                        : v.definitionId().value()),
                        v.definitionId() == null
                                ? "Agent version: not recorded"
                                : "Agent " + v.type() + " " + v.version(),
                        v.metrics())));
        return new SupportView(from.toString(), to.toString(), rows);
    }

    private static LocalDate day(String text, LocalDate otherwise) {
        try {
            return text == null || text.isBlank() ? otherwise : LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return otherwise;
        }
    }

    /** At this pace, the period's total: from the second day on, so one busy morning does not predict a month. */
    private static Long projection(UsageReport usage, Instant now) {
        Duration elapsed = Duration.between(usage.period().start(), now);
        Duration length =
                Duration.between(usage.period().start(), usage.period().end());
        if (elapsed.compareTo(Duration.ofDays(1)) < 0) {
            return null;
        }
        return Math.round(usage.conversations() * (length.toSeconds() / (double) elapsed.toSeconds()));
    }

    private static Chart days(UsageReport usage, Map<LocalDate, Integer> byDay, Instant now, boolean livemode) {
        LocalDate first = usage.period().startDate();
        LocalDate today = now.atZone(usage.period().zone()).toLocalDate();
        List<Chart.Bar> bars = new ArrayList<>();
        for (LocalDate day = first;
                !day.isAfter(today) && day.isBefore(usage.period().endDate());
                day = day.plusDays(1)) {
            bars.add(new Chart.Bar(
                    DAY_LABEL.format(day), Integer.toString(day.getDayOfMonth()), byDay.getOrDefault(day, 0)));
        }
        String what = livemode ? "Conversations" : "Test conversations";
        return new Chart(
                "chart-days",
                what + " per day, " + MONTH_LABEL.format(usage.period().month()),
                "Days in " + zoneLabel(usage) + ", up to today.",
                livemode ? "conversations" : "test conversations",
                bars);
    }

    private Chart months(UsageReport current) {
        Map<YearMonth, Integer> counts = new HashMap<>();
        counts.put(current.period().month(), current.conversations());
        for (UsageReport past : billing.usageHistory(11, null)) {
            counts.put(past.period().month(), past.conversations());
        }
        List<Chart.Bar> bars = new ArrayList<>();
        for (int back = 11; back >= 0; back--) {
            YearMonth month = current.period().month().minusMonths(back);
            bars.add(
                    new Chart.Bar(MONTH_LABEL.format(month), SHORT_MONTH.format(month), counts.getOrDefault(month, 0)));
        }
        return new Chart(
                "chart-months",
                "Conversations per month, last 12 months",
                "Billing months in " + zoneLabel(current) + "; the current month so far.",
                "conversations",
                bars);
    }

    private static String zoneLabel(UsageReport usage) {
        String zone = usage.period().zone().getId();
        return zone.equals("UTC") || zone.equals("Z") ? "UTC" : zone;
    }
}
