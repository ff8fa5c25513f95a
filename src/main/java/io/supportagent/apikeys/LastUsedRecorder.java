package io.supportagent.apikeys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.supportagent.platform.ApiKeyId;
import io.supportagent.platform.BackgroundJobs;
import io.supportagent.platform.db.PlatformJdbc;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code last_used_at} roughly current without a write per request: a use is noted in memory at most once per
 * {@code lastUsedInterval} per key, and a background job writes the noted uses every {@code lastUsedFlush}. A use
 * that cannot be written (the database away) stays noted and is written by a later run, so an outage delays the
 * times but loses none.
 */
@Component
class LastUsedRecorder {

    private final ApiKeys keys;
    private final PlatformJdbc platform;
    private final Clock clock;
    private final Cache<ApiKeyId, Boolean> recentlyNoted;
    private final Map<ApiKeyId, Instant> pending = new ConcurrentHashMap<>();
    private final BackgroundJobs.Job flusher;

    LastUsedRecorder(ApiKeys keys, PlatformJdbc platform, Clock clock, ApiKeySettings settings, BackgroundJobs jobs) {
        this.keys = keys;
        this.platform = platform;
        this.clock = clock;
        this.recentlyNoted = Caffeine.newBuilder()
                .maximumSize(1_000_000)
                .expireAfterWrite(settings.lastUsedInterval())
                .build();
        this.flusher = jobs.schedule("api-key-last-used", settings.lastUsedFlush(), this::flush);
    }

    /** Called on the request path: costs a map look-up. */
    void used(ApiKeyId key) {
        if (recentlyNoted.asMap().putIfAbsent(key, Boolean.TRUE) == null) {
            pending.merge(key, clock.instant(), LastUsedRecorder::later);
        }
    }

    /** Writes the noted uses; one that fails is noted again (unless a later use was noted meanwhile) and rethrown. */
    void flush() {
        for (ApiKeyId key : pending.keySet()) {
            Instant at = pending.remove(key);
            if (at == null) {
                continue;
            }
            try {
                keys.touch(platform.jdbc(), key, at);
            } catch (RuntimeException e) {
                pending.merge(key, at, LastUsedRecorder::later);
                throw e;
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** A last flush, given one second: shutting down must not wait on a database that may be gone. */
    @PreDestroy
    void stop() {
        flusher.runNow(Duration.ofSeconds(1));
        flusher.stop();
    }
}
