package io.supportagent.billing;

import io.supportagent.usage.BillingPeriod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The tiers an organization was on, day by day, in one period. Empty when the organization did not exist yet.
 *
 * <p>Included conversations are prorated by day: the sum over segments of included × days / days of the period,
 * rounded half up once to a whole conversation. Overage is priced at the terms in force on the period's last day.
 */
public record PeriodPlan(BillingPeriod period, List<PlanSegment> segments, boolean fullAllowance) {

    public PeriodPlan {
        segments = List.copyOf(segments);
    }

    public PeriodPlan(BillingPeriod period, List<PlanSegment> segments) {
        this(period, segments, false);
    }

    public boolean billable() {
        return !segments.isEmpty();
    }

    public int includedConversations() {
        long dayConversations = 0;
        if (fullAllowance && !segments.isEmpty()) {
            // An organization migrated from the earlier system in this period: billed from the migration on, but
            // with the whole month's allowance (the days before count at the first segment's terms).
            PlanSegment first = segments.getFirst();
            dayConversations += (long) first.terms().includedConversations()
                    * java.time.temporal.ChronoUnit.DAYS.between(period.startDate(), first.from());
        }
        for (PlanSegment segment : segments) {
            dayConversations += (long) segment.terms().includedConversations() * segment.days();
        }
        return BigDecimal.valueOf(dayConversations)
                .divide(BigDecimal.valueOf(period.days()), 0, RoundingMode.HALF_UP)
                .intValueExact();
    }

    /** The segment in force on the period's last day. */
    public PlanSegment last() {
        return segments.getLast();
    }
}
