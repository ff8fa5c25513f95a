package io.supportagent.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportagent.platform.TenantContext;
import io.supportagent.support.Fixtures;
import io.supportagent.support.MeteringIntegrationTest;
import io.supportagent.support.Storefront;
import io.supportagent.support.TestClock;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Metering through the real conversation start, on the real database, many threads at once. */
@MeteringIntegrationTest
class UsageServiceTests {

    /** A month in which every test organization existed from its first day. */
    static final Instant JANUARY = Instant.parse("2027-01-15T12:00:00Z");

    static final LocalDate JANUARY_START = LocalDate.parse("2027-01-01");

    @Autowired
    Fixtures fixtures;

    @Autowired
    Storefront storefront;

    @Autowired
    TestClock clock;

    @Autowired
    UsageService usage;

    @Autowired
    TenancyService tenancy;

    @BeforeEach
    void moveToJanuary() {
        clock.moveTo(JANUARY);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private int counted(Fixtures.Org org) {
        return TenantContext.callAs(
                org.live(),
                () -> usage.usage(org.organization().id(), JANUARY_START).conversations());
    }

    @Test
    void countsEveryLiveConversationExactlyOnceUnderConcurrency() throws Exception {
        var shop = storefront.open(fixtures.organization(Tier.PRO));

        var outcome = storefront.startConcurrently(shop, shop.org().live(), 500, 16);

        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.started()).isEqualTo(500);
        assertThat(counted(shop.org())).isEqualTo(outcome.started());
    }

    @Test
    void neverCountsTestModeConversations() throws Exception {
        var shop = storefront.open(fixtures.organization(Tier.BASIC));

        storefront.startConcurrently(shop, shop.org().test(), 20, 4);
        storefront.start(shop, shop.org().live());

        assertThat(counted(shop.org())).isEqualTo(1);
    }

    @Test
    void admitsExactlyTheCapUnderConcurrency() throws Exception {
        var shop = storefront.open(fixtures.organization(Tier.BASIC));
        tenancy.changeUsageCap(shop.org().organization().id(), 25);

        var outcome = storefront.startConcurrently(shop, shop.org().live(), 80, 16);

        assertThat(outcome.started()).isEqualTo(25);
        assertThat(outcome.failures()).isEqualTo(Map.of("usage_limit_reached", 55));
        assertThat(counted(shop.org())).isEqualTo(25);
        // the refused conversations were rolled back with their count
        assertThat(TenantContext.callAs(shop.org().live(), () -> storefront.conversationsOf(shop)))
                .isEqualTo(25);
        // test mode is never capped
        storefront.start(shop, shop.org().test());
    }

    @Test
    void refusesBeyondTheCapWithAProblemNamingIt() {
        var shop = storefront.open(fixtures.organization(Tier.BASIC));
        tenancy.changeUsageCap(shop.org().organization().id(), 1);
        storefront.start(shop, shop.org().live());

        assertThatThrownBy(() -> storefront.start(shop, shop.org().live()))
                .isInstanceOfSatisfying(UsageLimitReached.class, e -> {
                    assertThat(e.status().value()).isEqualTo(402);
                    assertThat(e.properties()).containsEntry("usage_cap", 1).containsEntry("period", "2027-01");
                });
    }

    @Test
    void aCapSetBetweenTwoConversationsAppliesToTheSecond() {
        var shop = storefront.open(fixtures.organization(Tier.BASIC));
        // The first start reads the organization into this node's snapshot, without a cap.
        storefront.start(shop, shop.org().live());

        tenancy.changeUsageCap(shop.org().organization().id(), 1);

        assertThatThrownBy(() -> storefront.start(shop, shop.org().live())).isInstanceOf(UsageLimitReached.class);
        assertThat(counted(shop.org())).isEqualTo(1);
    }

    @Test
    void alertsEachThresholdExactlyOnceWhenManyCrossItAtOnce() throws Exception {
        var org = fixtures.organization(Tier.BASIC);
        tenancy.changeCustomPricing(org.organization().id(), "{\"included_conversations\": 40}");
        var shop = storefront.open(org);

        var outcome = storefront.startConcurrently(shop, org.live(), 120, 16);

        assertThat(outcome.started()).isEqualTo(120);
        var alerts = TenantContext.callAs(
                org.live(),
                () -> usage.usage(org.organization().id(), JANUARY_START).alerts());
        assertThat(alerts).extracting(UsageAlert::threshold).containsExactly(90, 100);
        // 90% of 40 is 36: the 36th conversation crossed it, the 40th crossed 100%
        assertThat(alerts).extracting(UsageAlert::conversations).containsExactly(36, 40);
        assertThat(alerts).extracting(UsageAlert::includedConversations).containsOnly(40);
        assertThat(alerts).allSatisfy(a -> assertThat(a.periodStart()).isEqualTo(JANUARY_START));
    }
}
