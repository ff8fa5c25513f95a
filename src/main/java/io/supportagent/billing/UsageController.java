package io.supportagent.billing;

import io.supportagent.usage.UsageAlert;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/usage} and {@code /v1/usage/history}. They live here rather than in the usage module because
 * they show usage priced (included conversations, overage cost), which is billing's knowledge.
 */
@RestController
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
            Integer usageCap) {

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
                    r.usageCap());
        }
    }

    record ListView(String object, List<UsageView> data, boolean hasMore) {}

    private static Crossing crossing(UsageAlert alert) {
        return new Crossing(alert.threshold(), alert.crossedAt(), alert.conversations());
    }

    @GetMapping("/v1/usage")
    UsageView usage() {
        return UsageView.of(billing.currentUsage());
    }

    @GetMapping("/v1/usage/history")
    ListView history() {
        return new ListView(
                "list", billing.usageHistory().stream().map(UsageView::of).toList(), false);
    }
}
