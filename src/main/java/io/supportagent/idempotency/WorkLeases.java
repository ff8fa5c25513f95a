package io.supportagent.idempotency;

import io.supportagent.platform.BackgroundJobs;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Renews, every third of a lease, the leases of the widget starts whose requests run on this node ({@link
 * WithTheWork}): a request alive holds its key however long its reply takes, a node that died frees its keys within
 * one lease. Renewals that fail (the database away) are tried again by the background job; by then the request has
 * usually failed too, and its lease runs out by itself.
 */
@Component
class WorkLeases {

    private final Set<WithTheWork> running = ConcurrentHashMap.newKeySet();
    private final IdempotencyKeys keys;
    private final Duration lease;

    WorkLeases(IdempotencyKeys keys, IdempotencySettings settings, BackgroundJobs jobs) {
        this.keys = keys;
        this.lease = settings.workLease();
        jobs.schedule("idempotency-leases", settings.workLease().dividedBy(3), this::renew);
    }

    void running(WithTheWork work) {
        running.add(work);
    }

    void over(WithTheWork work) {
        running.remove(work);
    }

    int renew() {
        List<IdempotencyKeys.Leased> leased = running.stream()
                .map(WithTheWork::leased)
                .filter(Objects::nonNull)
                .toList();
        return leased.isEmpty() ? 0 : keys.renew(leased, lease);
    }
}
