package io.supportagent.tenancy;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.changes.Change;
import io.supportagent.platform.changes.ChangeNotifications;
import io.supportagent.platform.changes.ChangesMissed;
import io.supportagent.platform.db.PlatformJdbc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Each organization's row, with its recent tier changes, as this node last read it: the request path (the key's
 * organization status on every {@code /v1} request, {@code GET /v1/organization}, the usage cap and billing period
 * of every conversation started) reads no organization row per request.
 *
 * <p>Fresh enough by eviction, not by expiry: an organization changed through {@link TenancyService} is forgotten on
 * this node as soon as the change commits, and a database trigger on any change of the row tells every node (see
 * {@link ChangeNotifications}). A tier change always updates the row with its record. The recheck interval is only
 * the safety net behind a missed notification.
 */
@Component
class OrganizationSnapshots {

    /** Tier changes this far back are kept; a longer look back reads the database. */
    static final Duration CHANGES_KEPT = Duration.ofDays(45);

    private record Snapshot(BillingProfile profile, Instant changesSince) {}

    private final LoadingCache<OrganizationId, Optional<Snapshot>> snapshots;

    OrganizationSnapshots(
            OrganizationBilling billing,
            PlatformJdbc platform,
            Clock clock,
            @Value("${support-agent.organizations.cache-recheck:30s}") Duration recheck) {
        this.snapshots = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(recheck)
                .build(id -> {
                    Instant since = clock.instant().minus(CHANGES_KEPT);
                    return billing.profile(platform.jdbc(), id, since).map(profile -> new Snapshot(profile, since));
                });
    }

    Optional<Organization> organization(OrganizationId id) {
        return snapshots.get(id).map(snapshot -> snapshot.profile().organization());
    }

    /** The profile with the tier changes since {@code since}; empty when the snapshot does not reach back that far. */
    Optional<BillingProfile> profile(OrganizationId id, Instant since) {
        return snapshots
                .get(id)
                .filter(snapshot -> !since.isBefore(snapshot.changesSince()))
                .map(snapshot -> new BillingProfile(
                        snapshot.profile().organization(),
                        snapshot.profile().tierChanges().stream()
                                .filter(change -> !change.changedAt().isBefore(since))
                                .toList()));
    }

    /** The organization changed, on this node or another: read it again on next use. */
    @EventListener
    void on(Change.Organization changed) {
        snapshots.invalidate(changed.id());
    }

    /** Changes may have been missed: read every organization again. */
    @EventListener
    void on(ChangesMissed missed) {
        snapshots.invalidateAll();
    }
}
