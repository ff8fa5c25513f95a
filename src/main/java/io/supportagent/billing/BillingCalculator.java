package io.supportagent.billing;

import io.supportagent.usage.BillingPeriod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The billing engine's arithmetic, pure: a period's plan and count in, line items out.
 *
 * <p>One rounding rule: every line's amount is computed exactly and rounded half up to a whole cent once, and the
 * total is the sum of the rounded lines. Every line reads as quantity × unit price = amount. A base fee line is one
 * run of days on one tier, quantity 1, priced {@code base fee × days billed / days in the period} (the whole fee for
 * a whole period); the overage line is {@code max(0, used − included)} conversations at the overage unit price.
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
            // One line per run of days on one tier, quantity 1, as Stripe shows proration: the line's unit price is
            // the fee for those days (rounded once), and its description says which days of how many.
            long amount = BigDecimal.valueOf(segment.terms().baseFeeCents())
                    .multiply(BigDecimal.valueOf(segment.days()))
                    .divide(BigDecimal.valueOf(period.days()), 0, RoundingMode.HALF_UP)
                    .longValueExact();
            String description = name(segment) + " plan, " + days(segment);
            if (segment.days() != period.days()) {
                description += ", " + segment.days() + " of " + period.days() + " days";
            }
            lines.add(new InvoiceLine(
                    lines.size() + 1, "base_fee", description, 1, BigDecimal.valueOf(amount, 2), amount));
        }
        int included = plan.includedConversations();
        int overage = Math.max(0, conversations - included);
        if (overage > 0) {
            BigDecimal unitPrice = plan.last().terms().overageUnitPrice();
            lines.add(new InvoiceLine(
                    lines.size() + 1,
                    "overage",
                    "Conversations beyond the " + included + " included (" + conversations + " used)",
                    overage,
                    unitPrice,
                    InvoiceLine.amountCents(overage, unitPrice)));
        }
        return new Calculation(plan, conversations, included, overage, List.copyOf(lines));
    }

    /** The segment's days as an invoice reads them: {@code Dec 4–31}, or {@code Dec 31} for one day. */
    private static String days(PlanSegment segment) {
        LocalDate last = segment.until().minusDays(1);
        String first = DAY.format(segment.from());
        return segment.from().equals(last) ? first : first + "–" + last.getDayOfMonth();
    }

    private static String name(PlanSegment segment) {
        String code = segment.tier().code();
        return Character.toUpperCase(code.charAt(0)) + code.substring(1);
    }
}
