package io.supportagent.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.tenancy.Tier;
import io.supportagent.usage.BillingPeriod;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The billing arithmetic, table-driven, without Spring or a database. October 2026 has 31 days. */
class BillingCalculatorTests {

    static final BillingPeriod OCTOBER = new BillingPeriod(YearMonth.of(2026, 10), ZoneOffset.UTC);
    static final PriceTerms BASIC = terms(BillingSettings.BASIC);
    static final PriceTerms PRO = terms(BillingSettings.PRO);
    static final PriceTerms ENTERPRISE = terms(BillingSettings.ENTERPRISE);
    static final PriceTerms CUSTOM = new PriceTerms(250_000, 500_000, new BigDecimal("0.015"));

    static PriceTerms terms(BillingSettings.Plan plan) {
        return new PriceTerms(plan.baseFeeCents(), plan.includedConversations(), plan.overageUnitPrice());
    }

    static PeriodPlan whole(Tier tier, PriceTerms terms) {
        return new PeriodPlan(OCTOBER, List.of(new PlanSegment(tier, terms, OCTOBER.startDate(), OCTOBER.endDate())));
    }

    static PeriodPlan split(Tier first, PriceTerms firstTerms, int changeDay, Tier then, PriceTerms thenTerms) {
        LocalDate change = LocalDate.of(2026, 10, changeDay);
        return new PeriodPlan(
                OCTOBER,
                List.of(
                        new PlanSegment(first, firstTerms, OCTOBER.startDate(), change),
                        new PlanSegment(then, thenTerms, change, OCTOBER.endDate())));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, plan, conversations, included, overage, base cents, overage cents
                Arguments.of("basic, no usage", whole(Tier.BASIC, BASIC), 0, 1_000, 0, 4_900L, 0L),
                Arguments.of("basic, exactly included", whole(Tier.BASIC, BASIC), 1_000, 1_000, 0, 4_900L, 0L),
                Arguments.of("basic, one over", whole(Tier.BASIC, BASIC), 1_001, 1_000, 1, 4_900L, 10L),
                Arguments.of("basic, far over", whole(Tier.BASIC, BASIC), 25_000, 1_000, 24_000, 4_900L, 240_000L),
                Arguments.of("pro, no usage", whole(Tier.PRO, PRO), 0, 10_000, 0, 19_900L, 0L),
                Arguments.of("pro, exactly included", whole(Tier.PRO, PRO), 10_000, 10_000, 0, 19_900L, 0L),
                Arguments.of("pro, one over", whole(Tier.PRO, PRO), 10_001, 10_000, 1, 19_900L, 5L),
                Arguments.of("pro, far over", whole(Tier.PRO, PRO), 1_000_000, 10_000, 990_000, 19_900L, 4_950_000L),
                Arguments.of("enterprise, no usage", whole(Tier.ENTERPRISE, ENTERPRISE), 0, 100_000, 0, 99_900L, 0L),
                Arguments.of(
                        "enterprise, exactly included",
                        whole(Tier.ENTERPRISE, ENTERPRISE),
                        100_000,
                        100_000,
                        0,
                        99_900L,
                        0L),
                Arguments.of(
                        "enterprise, one over", whole(Tier.ENTERPRISE, ENTERPRISE), 100_001, 100_000, 1, 99_900L, 2L),
                Arguments.of(
                        "enterprise, far over",
                        whole(Tier.ENTERPRISE, ENTERPRISE),
                        2_600_000,
                        100_000,
                        2_500_000,
                        99_900L,
                        5_000_000L),
                // custom pricing: $2,500 base, 500,000 included, $0.015 a conversation (1.5 cents)
                Arguments.of(
                        "enterprise custom, no usage", whole(Tier.ENTERPRISE, CUSTOM), 0, 500_000, 0, 250_000L, 0L),
                Arguments.of(
                        "enterprise custom, one over: 1.5 cents rounds half up to 2",
                        whole(Tier.ENTERPRISE, CUSTOM),
                        500_001,
                        500_000,
                        1,
                        250_000L,
                        2L),
                Arguments.of(
                        "enterprise custom, three over: 4.5 cents rounds half up to 5",
                        whole(Tier.ENTERPRISE, CUSTOM),
                        500_003,
                        500_000,
                        3,
                        250_000L,
                        5L),
                Arguments.of(
                        "fractional unit price: 101 × 0.49 cents = 49.49 cents rounds to 49",
                        whole(Tier.BASIC, new PriceTerms(4_900, 0, new BigDecimal("0.0049"))),
                        101,
                        0,
                        101,
                        4_900L,
                        49L),
                Arguments.of(
                        "fractional unit price: rounded once per line, not per conversation",
                        whole(Tier.BASIC, new PriceTerms(4_900, 0, new BigDecimal("0.0049"))),
                        2,
                        0,
                        2,
                        4_900L,
                        1L),
                // basic Oct 1–14 (14 days), pro Oct 15–31 (17 days): 4900×14/31 = 2212.9 → 2213,
                // 19900×17/31 = 10912.9 → 10913; included (1000×14 + 10000×17)/31 = 5935.48 → 5935;
                // overage at pro's price (in force at the end): 65 × 5 cents
                Arguments.of(
                        "upgrade mid-month",
                        split(Tier.BASIC, BASIC, 15, Tier.PRO, PRO),
                        6_000,
                        5_935,
                        65,
                        13_126L,
                        325L),
                // pro Oct 1–14, basic Oct 15–31: 19900×14/31 = 8987.1 → 8987, 4900×17/31 = 2687.1 → 2687;
                // included (10000×14 + 1000×17)/31 = 5064.5 → 5065; overage at basic's price: 935 × 10 cents
                Arguments.of(
                        "downgrade mid-month",
                        split(Tier.PRO, PRO, 15, Tier.BASIC, BASIC),
                        6_000,
                        5_065,
                        935,
                        11_674L,
                        9_350L),
                // created on Oct 22: 10 of 31 days, 4900×10/31 = 1580.6 → 1581, included 1000×10/31 = 322.6 → 323
                Arguments.of(
                        "first month from the day of creation",
                        new PeriodPlan(
                                OCTOBER,
                                List.of(new PlanSegment(
                                        Tier.BASIC, BASIC, LocalDate.of(2026, 10, 22), OCTOBER.endDate()))),
                        324,
                        323,
                        1,
                        1_581L,
                        10L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void billsEachCase(
            String name,
            PeriodPlan plan,
            int conversations,
            int included,
            int overage,
            long baseCents,
            long overageCents) {
        BillingCalculator.Calculation bill = BillingCalculator.calculate(plan, conversations);

        assertThat(bill.includedConversations()).isEqualTo(included);
        assertThat(bill.overageConversations()).isEqualTo(overage);
        long base = bill.lines().stream()
                .filter(l -> l.kind().equals("base_fee"))
                .mapToLong(InvoiceLine::amountCents)
                .sum();
        assertThat(base).isEqualTo(baseCents);
        assertThat(bill.overageCents()).isEqualTo(overageCents);
        assertThat(bill.totalCents()).isEqualTo(baseCents + overageCents);
        assertThat(bill.lines().stream().filter(l -> l.kind().equals("overage")).count())
                .isEqualTo(overage > 0 ? 1 : 0);
    }

    @Test
    void describesAProratedBaseFeeWithItsDays() {
        BillingCalculator.Calculation bill =
                BillingCalculator.calculate(split(Tier.BASIC, BASIC, 15, Tier.PRO, PRO), 0);

        assertThat(bill.lines())
                .extracting(InvoiceLine::description)
                .containsExactly("Basic plan, Oct 1–14, 14 of 31 days", "Pro plan, Oct 15–31, 17 of 31 days");
        assertThat(bill.lines()).extracting(InvoiceLine::quantity).containsExactly(1L, 1L);
        assertThat(bill.lines()).extracting(l -> l.unitPrice().toPlainString()).containsExactly("22.13", "109.13");
        assertThat(bill.lines()).extracting(InvoiceLine::position).containsExactly(1, 2);
    }

    /** As Stripe shows proration: one line, quantity 1, whose description says the fraction of the period billed. */
    @Test
    void billsAFirstPartialMonthAsOneLineOfQuantityOne() {
        BillingPeriod december = new BillingPeriod(YearMonth.of(2026, 12), ZoneOffset.UTC);
        PeriodPlan plan = new PeriodPlan(
                december,
                List.of(new PlanSegment(Tier.ENTERPRISE, ENTERPRISE, LocalDate.of(2026, 12, 4), december.endDate())));

        InvoiceLine line = BillingCalculator.calculate(plan, 0).lines().getFirst();

        assertThat(line.description()).isEqualTo("Enterprise plan, Dec 4–31, 28 of 31 days");
        assertThat(line.quantity()).isEqualTo(1);
        assertThat(line.unitPrice()).isEqualByComparingTo("902.32");
        assertThat(line.amountCents()).isEqualTo(90_232);
    }

    @Test
    void billsAWholeMonthAsTheWholeFee() {
        InvoiceLine line =
                BillingCalculator.calculate(whole(Tier.PRO, PRO), 0).lines().getFirst();

        assertThat(line.description()).isEqualTo("Pro plan, Oct 1–31");
        assertThat(line.quantity()).isEqualTo(1);
        assertThat(line.unitPrice()).isEqualByComparingTo("199.00");
        assertThat(line.amountCents()).isEqualTo(19_900);
    }

    @Test
    void namesASingleDay() {
        PeriodPlan plan = new PeriodPlan(
                OCTOBER, List.of(new PlanSegment(Tier.BASIC, BASIC, LocalDate.of(2026, 10, 31), OCTOBER.endDate())));

        assertThat(BillingCalculator.calculate(plan, 0).lines().getFirst().description())
                .isEqualTo("Basic plan, Oct 31, 1 of 31 days");
    }

    /**
     * Every kind of line — a whole base fee, prorated base fees around a tier change, overage at plan and at custom
     * prices, fractions of a cent — reads as quantity × unit price = amount: exactly, and once rounded half up to
     * the cent where the unit price has fractions of a cent.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyLineIsItsQuantityTimesItsUnitPrice(String name, PeriodPlan plan, int conversations) {
        List<InvoiceLine> lines =
                BillingCalculator.calculate(plan, conversations).lines();

        assertThat(lines).isNotEmpty();
        for (InvoiceLine line : lines) {
            BigDecimal exact = line.unitPrice().movePointRight(2).multiply(BigDecimal.valueOf(line.quantity()));
            assertThat(line.amountCents())
                    .as("%s: %d × %s", line.description(), line.quantity(), line.unitPrice())
                    .isEqualTo(exact.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
            if (line.unitPrice().movePointRight(2).stripTrailingZeros().scale() <= 0) {
                assertThat(exact).as(line.description()).isEqualByComparingTo(BigDecimal.valueOf(line.amountCents()));
            }
            if (line.kind().equals("base_fee")) {
                assertThat(line.quantity()).as(line.description()).isEqualTo(1);
            }
        }
    }

    @Test
    void billsNothingBeforeTheOrganizationExisted() {
        BillingCalculator.Calculation bill = BillingCalculator.calculate(new PeriodPlan(OCTOBER, List.of()), 0);

        assertThat(bill.lines()).isEmpty();
        assertThat(bill.totalCents()).isZero();
    }
}
