package io.supportagent.billing;

import io.supportagent.usage.BillingPeriod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The billing engine's arithmetic, pure: a period's plan and count in, line items out.
 *
 * <p>One rounding rule: every line's amount is computed exactly and rounded half up to a whole cent once, and the
 * total is the sum of the rounded lines. A base fee line is {@code base fee × days billed / days in the period}; the
 * overage line is {@code max(0, used − included) × unit price}.
 */
public final class BillingCalculator {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private BillingCalculator() {}

    /** The arithmetic's result for one organization and period. */
    public record Calculation(
            PeriodPlan plan,
            int conversations,
            int includedConversations,
            int overageConversations,
            List<InvoiceLine> lines) {

        public long totalCents() {
            return lines.stream().mapToLong(InvoiceLine::amountCents).sum();
        }

        public long overageCents() {
            return lines.stream()
                    .filter(l -> l.kind().equals("overage"))
                    .mapToLong(InvoiceLine::amountCents)
                    .sum();
        }
    }

    public static Calculation calculate(PeriodPlan plan, int conversations) {
        List<InvoiceLine> lines = new ArrayList<>();
        BillingPeriod period = plan.period();
        for (PlanSegment segment : plan.segments()) {
            long baseFee = segment.terms().baseFeeCents();
            long amount = BigDecimal.valueOf(baseFee)
                    .multiply(BigDecimal.valueOf(segment.days()))
                    .divide(BigDecimal.valueOf(period.days()), 0, RoundingMode.HALF_UP)
                    .longValueExact();
            String what = name(segment) + " plan, " + period.code();
            String description = segment.days() == period.days()
                    ? what
                    : what + " (" + DAY.format(segment.from()) + " – "
                            + DAY.format(segment.until().minusDays(1)) + ", " + segment.days() + " of " + period.days()
                            + " days)";
            lines.add(new InvoiceLine(
                    lines.size() + 1, "base_fee", description, segment.days(), BigDecimal.valueOf(baseFee, 2), amount));
        }
        int included = plan.includedConversations();
        int overage = Math.max(0, conversations - included);
        if (overage > 0) {
            BigDecimal unitPrice = plan.last().terms().overageUnitPrice();
            long amount = unitPrice
                    .multiply(HUNDRED)
                    .multiply(BigDecimal.valueOf(overage))
                    .setScale(0, RoundingMode.HALF_UP)
                    .longValueExact();
            lines.add(new InvoiceLine(
                    lines.size() + 1,
                    "overage",
                    "Conversations beyond the " + included + " included (" + conversations + " used)",
                    overage,
                    unitPrice,
                    amount));
        }
        return new Calculation(plan, conversations, included, overage, List.copyOf(lines));
    }

    private static String name(PlanSegment segment) {
        String code = segment.tier().code();
        return Character.toUpperCase(code.charAt(0)) + code.substring(1);
    }
}
