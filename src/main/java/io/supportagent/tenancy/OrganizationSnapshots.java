package io.supportagent.tenancy;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.changes.Change;
import io.supportagent.platform.changes.ChangeNotifications;
import io.supportagent.platform.changes.ChangesMissed;
import io.supportagent.platform.db.DatabaseFailures;
import io.supportagent.platform.db.PlatformJdbc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
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
 * the safety net behind a missed notification, and its re-read runs in the background: only an organization this
 * node has no snapshot of is read on the request's thread.
 */
@Component
class OrganizationSnapshots {

    /** Tier changes this far back are kept; a longer look back reads the database. */
    static final Duration CHANGES_KEPT = Duration.ofDays(45);

    /** An organization not asked for this long is dropped; it is read again when it comes back. */
    static final Duration UNUSED = Duration.ofHours(1);

    private static final Executor REREADS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("organization-reread-", 0).factory());

    private record Snapshot(BillingProfile profile, Instant changesSince) {}

    private final LoadingCache<OrganizationId, Optional<Snapshot>> snapshots;

    OrganizationSnapshots(
            OrganizationBilling billing,
            PlatformJdbc platform,
            Clock clock,
            @Value("${support-agent.organizations.cache-recheck:30s}") Duration recheck) {
        this.snapshots = Caffeine.newBuilder()
                .maximumSize(100_000)
                // Re-read in the background once this old: the request that finds it due is answered from the
                // snapshot at hand, never waits for the database (and cannot fail with it).
                .refreshAfterWrite(recheck)
                // Unused this long, forgotten (the next request reads it, as the first one did).
                .expireAfterAccess(UNUSED)
                // Re-reads block on JDBC: keep them off the common fork-join pool.
                .executor(REREADS)
                .build(new CacheLoader<>() {
                    /**
                     * With {@code platform.jdbc()}, not the look-ups' connections: a snapshot first read inside an
                     * operator transaction (the organization being created, its owner's invitation written) must see
                     * that transaction's organization, not cache its absence.
                     */
                    @Override
                    public Optional<Snapshot> load(OrganizationId id) {
                        Instant since = clock.instant().minus(CHANGES_KEPT);
                        return billing.profile(platform.jdbc(), id, since).map(profile -> new Snapshot(profile, since));
                    }

                    /**
                     * While the database is away, the snapshot at hand stays (stale while error): an outage must not
                     * turn every organization's requests into failures, nor log a stack trace per organization. It is
                     * read again after the next recheck interval, or at once when its change (or a missed change) is
                     * announced.
                     */
                    @Override
                    public Optional<Snapshot> reload(OrganizationId id, Optional<Snapshot> old) {
                        return DatabaseFailures.readAgainOrKeep(() -> load(id), old);
                    }
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

    /**
     * Changes may have been missed: read every organization again, in the background. The snapshots at hand answer
     * meanwhile: this comes when the node's listening connection drops (the database may be away: forgetting them
     * then would fail every request) and again when it is back, when the re-reads take moments.
     */
    @EventListener
    void on(ChangesMissed missed) {
        snapshots.refreshAll(snapshots.asMap().keySet());
    }
}
