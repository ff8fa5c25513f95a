package io.supportagent.webhooks;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.changes.Change;
import io.supportagent.platform.changes.ChangesMissed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether an organization has any webhook endpoint, cached per node, so that the events of every message cost an
 * organization without endpoints no round trip to the database. Forgotten on every node when its endpoints change
 * (the endpoints trigger's NOTIFY, or the announcing node at once), and re-checked after a minute anyway.
 */
@Component
class EndpointPresence {

    static final Duration RECHECK = Duration.ofMinutes(1);

    private record Known(boolean any, Instant at) {}

    private final Map<OrganizationId, Known> known = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final Clock clock;

    EndpointPresence(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** In the caller's tenant transaction (row-level security applies). */
    boolean any(OrganizationId org) {
        Instant now = clock.instant();
        Known k = known.get(org);
        if (k == null || k.at().plus(RECHECK).isBefore(now) || k.at().isAfter(now)) {
            boolean any = jdbc.sql("SELECT EXISTS (SELECT 1 FROM webhook_endpoints WHERE organization_id = :org)")
                    .param("org", org.value())
                    .query(Boolean.class)
                    .single();
            k = new Known(any, now);
            known.put(org, k);
        }
        return k.any();
    }

    @EventListener
    void on(Change.WebhookEndpoints changed) {
        known.remove(changed.organization());
    }

    @EventListener
    void on(ChangesMissed missed) {
        known.clear();
    }
}
