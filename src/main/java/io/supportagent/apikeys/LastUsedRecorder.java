package io.supportagent.apikeys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.supportagent.platform.ApiKeyId;
import io.supportagent.platform.db.PlatformJdbc;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code last_used_at} roughly current without a write per request: a use is noted in memory at most once per
 * {@code lastUsedInterval} per key, and a background thread writes the noted uses every {@code lastUsedFlush}.
 */
@Component
class LastUsedRecorder {

    private static final Logger log = LoggerFactory.getLogger(LastUsedRecorder.class);

    private final ApiKeys keys;
    private final PlatformJdbc platform;
    private final Clock clock;
    private final Cache<ApiKeyId, Boolean> recentlyNoted;
    private final Map<ApiKeyId, Instant> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    LastUsedRecorder(ApiKeys keys, PlatformJdbc platform, Clock clock, ApiKeySettings settings) {
        this.keys = keys;
        this.platform = platform;
        this.clock = clock;
        this.recentlyNoted = Caffeine.newBuilder()
                .maximumSize(1_000_000)
                .expireAfterWrite(settings.lastUsedInterval())
                .build();
        this.flusher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("api-key-last-used").factory());
        long every = settings.lastUsedFlush().toMillis();
        flusher.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
    }

    /** Called on the request path: costs a map look-up. */
    void used(ApiKeyId key) {
        if (recentlyNoted.asMap().putIfAbsent(key, Boolean.TRUE) == null) {
            pending.put(key, clock.instant());
        }
    }

    void flush() {
        for (ApiKeyId key : pending.keySet()) {
            Instant at = pending.remove(key);
            if (at == null) {
                continue;
            }
            try {
                keys.touch(platform.jdbc(), key, at);
            } catch (RuntimeException e) {
                log.warn("Could not record the last use of API key {}: {}", key, e.getMessage());
            }
        }
    }

    /** A last flush, given one second: shutting down must not wait on a database that may be gone. */
    @PreDestroy
    void stop() {
        try {
            flusher.submit(this::flush).get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("Last uses not flushed at shutdown: {}", e.getClass().getSimpleName());
        } finally {
            flusher.shutdownNow();
        }
    }
}
