package io.supportagent.tenancy;

import io.supportagent.platform.BackgroundJobs;
import io.supportagent.platform.LatestUses;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.db.Params;
import io.supportagent.platform.db.PlatformJdbc;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Notes where stores' chat widgets run, so that a merchant sees that the snippet is installed and on which website
 * ("last seen on https://shop.example, 2 minutes ago"), without a write per widget request: a sighting is noted in
 * memory at most once a {@link #NOTE_EVERY} per store and origin, and a background job writes the noted ones every
 * {@link #FLUSH_EVERY} ({@link LatestUses}: one that cannot be written stays noted for a later run).
 */
@Component
public class WidgetSightings {

    static final Duration NOTE_EVERY = Duration.ofMinutes(1);
    static final Duration FLUSH_EVERY = Duration.ofSeconds(30);

    /** A store's widget at one page origin. */
    record Key(OrganizationId organizationId, StoreId storeId, String origin) {}

    private final PlatformJdbc platform;
    private final LatestUses<Key> sightings;
    private final BackgroundJobs.Job flusher;

    WidgetSightings(PlatformJdbc platform, Clock clock, BackgroundJobs jobs) {
        this.platform = platform;
        this.sightings = new LatestUses<>(clock, NOTE_EVERY, 100_000);
        this.flusher = jobs.schedule("widget-sightings", FLUSH_EVERY, this::flush);
    }

    /**
     * On the widget's request path, after the origin was checked against the store's allowed websites (only those are
     * noted, so a store has as many rows as it allows origins): costs a map look-up.
     */
    public void seen(OrganizationId org, StoreId store, String origin) {
        sightings.used(new Key(org, store, origin));
    }

    /**
     * Writes the noted sightings (also at shutdown, and from tests); one that fails is noted again and the failure
     * rethrown, for the job to retry. A store deleted meanwhile writes nothing.
     */
    public void flush() {
        sightings.flush((key, at) -> platform.jdbc()
                .sql("""
                        INSERT INTO store_widget_sightings
                               (organization_id, store_id, origin, first_seen_at, last_seen_at)
                        SELECT s.organization_id, s.id, CAST(:origin AS text), CAST(:at AS timestamptz),
                               CAST(:at AS timestamptz)
                          FROM stores s
                         WHERE s.organization_id = :org AND s.id = :store
                            ON CONFLICT (organization_id, store_id, origin) DO UPDATE
                           SET last_seen_at = greatest(store_widget_sightings.last_seen_at, excluded.last_seen_at)""")
                .param("org", key.organizationId().value())
                .param("store", key.storeId().value())
                .param("origin", key.origin())
                .param("at", Params.timestamp(at))
                .update());
    }

    /** A last flush, given one second: shutting down must not wait on a database that may be gone. */
    @PreDestroy
    void stop() {
        flusher.runNow(Duration.ofSeconds(1));
        flusher.stop();
    }
}
