package io.supportagent.idempotency;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** Deletes expired idempotency keys now and then (expired ones are ignored anyway; this keeps the table small). */
@Component
class IdempotencyPurge implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "idempotency-purge");
        thread.setDaemon(true);
        return thread;
    });

    IdempotencyPurge(IdempotencyKeys keys, PlatformIdempotencyKeys platformKeys, IdempotencySettings settings) {
        long every = settings.purgeInterval().toSeconds();
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        int purged = keys.purgeExpired() + platformKeys.purgeExpired();
                        if (purged > 0) {
                            log.info("Purged {} expired idempotency keys", purged);
                        }
                    } catch (RuntimeException e) {
                        log.warn("Purging expired idempotency keys failed: {}", e.getMessage());
                    }
                },
                every,
                every,
                TimeUnit.SECONDS);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
