package io.supportagent.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.supportagent.platform.TenantContext;
import io.supportagent.support.Fixtures;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** The profile metering reads for every conversation: the node's snapshot, exact after this node's own changes. */
@IntegrationTest
@Import({Fixtures.class, TestClock.class})
class MeteringProfileTests {

    static final Instant NOW = Instant.parse("2027-03-15T12:00:00Z");

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @Autowired
    TenancyService tenancy;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aTierChangeShowsOnTheVeryNextRead() {
        clock.moveTo(NOW);
        var shop = fixtures.organization(Tier.BASIC);
        var org = shop.organization().id();
        Instant since = NOW.minus(Duration.ofDays(32));
        assertThat(profile(shop, since).tierChanges()).isEmpty();

        tenancy.changeTier(org, Tier.PRO, NOW.minus(Duration.ofDays(1)));

        BillingProfile profile = profile(shop, since);
        assertThat(profile.organization().tier()).isEqualTo(Tier.PRO);
        assertThat(profile.tierChanges())
                .extracting(TierChange::toTier, TierChange::changedAt)
                .containsExactly(tuple(Tier.PRO, NOW.minus(Duration.ofDays(1))));
    }

    @Test
    void keepsOnlyTheChangesSinceTheMomentAskedForAndReadsFurtherBackFromTheDatabase() {
        clock.moveTo(NOW);
        var shop = fixtures.organization(Tier.BASIC);
        var org = shop.organization().id();
        tenancy.changeTier(org, Tier.PRO, NOW.minus(Duration.ofDays(60)));
        tenancy.changeTier(org, Tier.ENTERPRISE, NOW.minus(Duration.ofDays(10)));

        assertThat(profile(shop, NOW.minus(Duration.ofDays(32))).tierChanges())
                .extracting(TierChange::toTier)
                .containsExactly(Tier.ENTERPRISE);
        // Beyond what the snapshot keeps: the same answer the database gives.
        Instant longAgo = NOW.minus(Duration.ofDays(90));
        assertThat(profile(shop, longAgo).tierChanges())
                .extracting(TierChange::toTier)
                .containsExactly(Tier.PRO, Tier.ENTERPRISE);
    }

    /** As metering reads it: in the tenant's context (the database read beyond the snapshot is the tenant's). */
    private BillingProfile profile(Fixtures.Org shop, Instant since) {
        return TenantContext.callAs(
                shop.live(), () -> tenancy.meteringProfile(shop.organization().id(), since));
    }
}
