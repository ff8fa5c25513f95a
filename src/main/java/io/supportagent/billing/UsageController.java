package io.supportagent.billing;

import io.supportagent.platform.web.ApiTags;
import io.supportagent.platform.web.ListPage;
import io.supportagent.platform.web.Pagination;
import io.supportagent.usage.BillingPeriod;
import io.supportagent.usage.UsageAlert;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/usage} and {@code /v1/usage/history}. They live here rather than in the usage module because
 * they show usage priced (included conversations, overage cost), which is billing's knowledge.
 */
@RestController
@Tag(name = ApiTags.USAGE)
class UsageController {

    private final BillingService billing;

    UsageController(BillingService billing) {
        this.billing = billing;
    }

    record Crossing(int threshold, Instant crossedAt, int conversations) {}

    record UsageView(
            String object,
            boolean livemode,
            String period,
            Instant periodStart,
            Instant periodEnd,
            String billingTimezone,
            int conversations,
            int included,
            BigDecimal percent,
            List<Integer> thresholds,
            List<Crossing> thresholdsCrossed,
            int overageConversations,
            long overageCostCents,
            String currency,
            Integer usageCap,

            @Schema(
                    description = "Conversations the earlier single-tenant system held in this period before the"
                            + " organization was migrated from it: usage history, never counted toward the"
                            + " allowance or invoiced. 0 otherwise.")
            int migratedConversations) {

        static UsageView of(UsageReport r) {
            BigDecimal percent = r.includedConversations() == 0
                    ? null
                    : BigDecimal.valueOf(r.conversations() * 100L)
                            .divide(BigDecimal.valueOf(r.includedConversations()), 1, RoundingMode.HALF_UP);
            return new UsageView(
                    "usage",
                    r.livemode(),
                    r.period().code(),
                    r.period().start(),
                    r.period().end(),
                    r.period().zone().getId(),
                    r.conversations(),
                    r.includedConversations(),
                    percent,
                    r.thresholds(),
                    r.alerts().stream().map(UsageController::crossing).toList(),
                    r.overageConversations(),
                    r.overageCostCents(),
                    r.currency(),
                    r.usageCap(),
                    r.migratedConversations());
        }
    }

    private static Crossing crossing(UsageAlert alert) {
        return new Crossing(alert.threshold(), alert.crossedAt(), alert.conversations());
    }

    @Operation(
            operationId = "getUsage",
            summary = "Get the running month's usage",
            description = "Live conversations counted this billing period, against the included ones, with the"
                    + " thresholds crossed and the overage so far. A test key sees zero: test mode counts nothing.")
    @GetMapping("/v1/usage")
    UsageView usage() {
        return UsageView.of(billing.currentUsage());
    }

    /**
     * Past periods, newest first. Usage has no ids: the cursor is a period, {@code starting_after=2026-10} answers the
     * periods before October 2026 (any month will do, whether or not it had usage).
     */
    @Operation(
            operationId = "listUsageHistory",
            summary = "List past months' usage",
            description = "Past billing periods with usage, newest first; closed ones as their invoice priced them."
                    + " The cursor is a month: `starting_after=2026-10` answers the months before October 2026.")
    @GetMapping("/v1/usage/history")
    ListPage<UsageView> history(
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        int size = Pagination.limit(limit);
        YearMonth before = startingAfter == null || startingAfter.isEmpty()
                ? null
                : BillingPeriod.parseMonth(startingAfter, "starting_after");
        return ListPage.of(
                billing.usageHistory(size + 1, before).stream()
                        .map(UsageView::of)
                        .toList(),
                size,
                "/v1/usage/history");
    }
}
