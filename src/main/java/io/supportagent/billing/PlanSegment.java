package io.supportagent.billing;

import io.supportagent.tenancy.Tier;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Consecutive days of a period on one tier, {@code [from, until)} in the billing time zone. */
public record PlanSegment(Tier tier, PriceTerms terms, LocalDate from, LocalDate until) {

    public int days() {
        return (int) ChronoUnit.DAYS.between(from, until);
    }
}
