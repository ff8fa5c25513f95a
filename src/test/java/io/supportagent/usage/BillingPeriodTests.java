package io.supportagent.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportagent.platform.InvalidRequest;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BillingPeriodTests {

    @Test
    void isTheUtcCalendarMonthByDefault() {
        BillingPeriod period = BillingPeriod.containing(Instant.parse("2026-11-30T23:59:59Z"), ZoneOffset.UTC);

        assertThat(period.code()).isEqualTo("2026-11");
        assertThat(period.start()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(period.end()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void followsTheBillingTimeZoneAsAHalfOpenInterval() {
        ZoneId losAngeles = ZoneId.of("America/Los_Angeles");
        // 03:00 UTC on November 1st is still October 31st in Los Angeles
        BillingPeriod period = BillingPeriod.containing(Instant.parse("2026-11-01T03:00:00Z"), losAngeles);

        assertThat(period.code()).isEqualTo("2026-10");
        assertThat(period.start()).isEqualTo(Instant.parse("2026-10-01T07:00:00Z"));
        assertThat(period.end()).isEqualTo(Instant.parse("2026-11-01T07:00:00Z"));
        assertThat(period.contains(period.start())).isTrue();
        assertThat(period.contains(period.end())).isFalse();
        assertThat(BillingPeriod.containing(period.end(), losAngeles).code()).isEqualTo("2026-11");
    }

    @Test
    void parsesOnlyMonths() {
        assertThat(BillingPeriod.parseMonth("2026-10", "period")).isEqualTo(YearMonth.of(2026, 10));
        for (String bad : new String[] {"2026-13", "2026-1", "october", "", "2026-10-01"}) {
            assertThatThrownBy(() -> BillingPeriod.parseMonth(bad, "period")).isInstanceOf(InvalidRequest.class);
        }
    }

    @Test
    void thresholdsAreReachedAtTheirShareOfTheIncludedConversations() {
        Allowance allowance = new Allowance(1_000, List.of(100, 90));

        assertThat(allowance.countAt(90)).isEqualTo(900);
        assertThat(allowance.newlyCrossed(899, List.of())).isEmpty();
        assertThat(allowance.newlyCrossed(900, List.of())).containsExactly(90);
        assertThat(allowance.newlyCrossed(1_000, List.of(90))).containsExactly(100);
        assertThat(allowance.newlyCrossed(1_500, List.of(90, 100))).isEmpty();
        assertThat(new Allowance(15, List.of(90)).countAt(90)).isEqualTo(14); // 13.5 rounds up
        assertThat(new Allowance(0, List.of(90)).newlyCrossed(5, List.of())).isEmpty();
    }
}
