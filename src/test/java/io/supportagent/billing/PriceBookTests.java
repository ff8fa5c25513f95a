package io.supportagent.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.OrganizationId;
import io.supportagent.tenancy.Tier;
import io.supportagent.tenancy.TierChange;
import io.supportagent.usage.BillingPeriod;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceBookTests {

    static final OrganizationId ORG = OrganizationId.random();
    static final BillingPeriod OCTOBER = new BillingPeriod(YearMonth.of(2026, 10), ZoneOffset.UTC);
    static final Instant LONG_AGO = Instant.parse("2025-01-01T00:00:00Z");

    static final PriceBook PRICES =
            new PriceBook(new BillingSettings("usd", List.of(90, 100), new BillingSettings.Plans(null, null, null)));

    static TierChange change(Tier from, Tier to, String at) {
        return new TierChange(ORG, from, to, Instant.parse(at));
    }

    static PriceBook.TierDays days(Tier tier, int from, int until) {
        LocalDate start = LocalDate.of(2026, 10, from);
        LocalDate end = until == 32 ? LocalDate.of(2026, 11, 1) : LocalDate.of(2026, 10, until);
        return new PriceBook.TierDays(tier, start, end);
    }

    @Test
    void aWholeMonthOnOneTierIsOneSegment() {
        assertThat(PriceBook.segments(OCTOBER, Tier.PRO, LONG_AGO, List.of())).containsExactly(days(Tier.PRO, 1, 32));
    }

    @Test
    void theNewTierAppliesFromTheDayOfTheChange() {
        var changes = List.of(change(Tier.BASIC, Tier.PRO, "2026-10-15T10:00:00Z"));

        assertThat(PriceBook.segments(OCTOBER, Tier.PRO, LONG_AGO, changes))
                .containsExactly(days(Tier.BASIC, 1, 15), days(Tier.PRO, 15, 32));
    }

    @Test
    void daysFollowTheBillingTimeZone() {
        ZoneId newYork = ZoneId.of("America/New_York");
        BillingPeriod october = new BillingPeriod(YearMonth.of(2026, 10), newYork);
        // 02:00 UTC on the 15th is still the 14th in New York
        var changes = List.of(change(Tier.BASIC, Tier.PRO, "2026-10-15T02:00:00Z"));

        assertThat(PriceBook.segments(october, Tier.PRO, LONG_AGO, changes))
                .containsExactly(days(Tier.BASIC, 1, 14), days(Tier.PRO, 14, 32));
    }

    @Test
    void changesBeforeAndAfterThePeriodSetTheTierButSplitNothing() {
        var changes = List.of(
                change(Tier.BASIC, Tier.PRO, "2026-09-20T00:00:00Z"),
                change(Tier.PRO, Tier.ENTERPRISE, "2026-11-05T00:00:00Z"));

        assertThat(PriceBook.segments(OCTOBER, Tier.ENTERPRISE, LONG_AGO, changes))
                .containsExactly(days(Tier.PRO, 1, 32));
    }

    @Test
    void ofSeveralChangesOnOneDayTheLastWins() {
        var changes = List.of(
                change(Tier.BASIC, Tier.PRO, "2026-10-10T09:00:00Z"),
                change(Tier.PRO, Tier.ENTERPRISE, "2026-10-10T15:00:00Z"));

        assertThat(PriceBook.segments(OCTOBER, Tier.ENTERPRISE, LONG_AGO, changes))
                .containsExactly(days(Tier.BASIC, 1, 10), days(Tier.ENTERPRISE, 10, 32));
    }

    @Test
    void billsFromTheDayOfCreationAndNothingForAnOrganizationCreatedLater() {
        assertThat(PriceBook.segments(OCTOBER, Tier.BASIC, Instant.parse("2026-10-22T18:00:00Z"), List.of()))
                .containsExactly(days(Tier.BASIC, 22, 32));
        assertThat(PriceBook.segments(OCTOBER, Tier.BASIC, Instant.parse("2026-11-01T00:00:00Z"), List.of()))
                .isEmpty();
    }

    @Test
    void customPricingOverridesOnlyTheKeysItHas() {
        assertThat(PRICES.terms(Tier.ENTERPRISE, "{\"overage_unit_price\": 0.015}"))
                .isEqualTo(new PriceTerms(99_900, 100_000, new BigDecimal("0.015")));
        assertThat(
                        PRICES.terms(
                                Tier.ENTERPRISE,
                                "{\"base_fee_cents\": 250000, \"included_conversations\": 500000, \"overage_unit_price\": \"0.0125\"}"))
                .isEqualTo(new PriceTerms(250_000, 500_000, new BigDecimal("0.0125")));
        assertThat(PRICES.terms(Tier.BASIC, null)).isEqualTo(new PriceTerms(4_900, 1_000, new BigDecimal("0.10")));
    }

    @Test
    void aPlanValueCanBeOverriddenAlone() {
        var settings = new BillingSettings(
                "usd",
                List.of(90, 100),
                new BillingSettings.Plans(null, new BillingSettings.Plan(null, null, new BigDecimal("0.04")), null));

        assertThat(new PriceBook(settings).terms(Tier.PRO, null))
                .isEqualTo(new PriceTerms(19_900, 10_000, new BigDecimal("0.04")));
    }

    /**
     * An organization migrated from the earlier single-tenant system on October 21st: its first invoice covers the
     * days from the migration (base fee 11 of 31 days, as for any new organization) with October's full allowance,
     * and only the conversations counted from the migration on (its earlier ones are history, never counted).
     */
    @Test
    void theMigrationMonthIsBilledFromTheMigrationOnWithTheFullAllowance() {
        Instant migrated = Instant.parse("2026-10-21T09:30:00Z");
        var migratedOrg = organization(migrated, migrated);
        var newOrg = organization(migrated, null);

        PeriodPlan plan = PRICES.plan(migratedOrg, List.of(), OCTOBER);
        BillingCalculator.Calculation bill = BillingCalculator.calculate(plan, 100_500);

        assertThat(plan.segments()).hasSize(1);
        assertThat(plan.segments().getFirst().days()).isEqualTo(11);
        assertThat(plan.includedConversations()).isEqualTo(100_000);
        assertThat(bill.overageConversations()).isEqualTo(500);
        // A new organization created the same instant gets the prorated allowance; November is whole for both.
        assertThat(PRICES.plan(newOrg, List.of(), OCTOBER).includedConversations())
                .isEqualTo(35_484);
        BillingPeriod november = new BillingPeriod(YearMonth.of(2026, 11), ZoneOffset.UTC);
        assertThat(PRICES.plan(migratedOrg, List.of(), november).includedConversations())
                .isEqualTo(100_000);
        assertThat(PriceBook.migratedIn(migratedOrg, november)).isFalse();
    }

    private static io.supportagent.tenancy.Organization organization(Instant created, Instant migratedAt) {
        return new io.supportagent.tenancy.Organization(
                ORG, "Auresta", Tier.ENTERPRISE, "active", null, null, "UTC", created, created, migratedAt);
    }
}
