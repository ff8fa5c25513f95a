package io.supportagent.idempotency;

import io.supportagent.platform.BackgroundJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes expired idempotency keys now and then (expired ones are ignored anyway; this keeps the table small). A purge
 * that fails is tried again within seconds, not an interval later.
 */
@Component
class IdempotencyPurge {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final IdempotencyKeys keys;
    private final PlatformIdempotencyKeys platformKeys;

    IdempotencyPurge(
            IdempotencyKeys keys,
            PlatformIdempotencyKeys platformKeys,
            IdempotencySettings settings,
            BackgroundJobs jobs) {
        this.keys = keys;
        this.platformKeys = platformKeys;
        jobs.schedule("idempotency-purge", settings.purgeInterval(), this::purge);
    }

    void purge() {
        int purged = keys.purgeExpired() + platformKeys.purgeExpired();
        if (purged > 0) {
            log.info("Purged {} expired idempotency keys", purged);
        }
    }
}
