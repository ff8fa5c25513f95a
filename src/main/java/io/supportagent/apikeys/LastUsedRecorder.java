package io.supportagent.apikeys;

import io.supportagent.platform.ApiKeyId;
import io.supportagent.platform.BackgroundJobs;
import io.supportagent.platform.LatestUses;
import io.supportagent.platform.db.PlatformJdbc;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code last_used_at} roughly current without a write per request: a use is noted in memory at most once per
 * {@code lastUsedInterval} per key, and a background job writes the noted uses every {@code lastUsedFlush} (see
 * {@link LatestUses}: an outage delays the times but loses none).
 */
@Component
class LastUsedRecorder {

    private final ApiKeys keys;
    private final PlatformJdbc platform;
    private final LatestUses<ApiKeyId> uses;
    private final BackgroundJobs.Job flusher;

    LastUsedRecorder(ApiKeys keys, PlatformJdbc platform, Clock clock, ApiKeySettings settings, BackgroundJobs jobs) {
        this.keys = keys;
        this.platform = platform;
        this.uses = new LatestUses<>(clock, settings.lastUsedInterval(), 1_000_000);
        this.flusher = jobs.schedule("api-key-last-used", settings.lastUsedFlush(), this::flush);
    }

    /** Called on the request path: costs a map look-up. */
    void used(ApiKeyId key) {
        uses.used(key);
    }

    /** Writes the noted uses; one that fails is noted again and rethrown, for the job to retry. */
    void flush() {
        uses.flush((key, at) -> keys.touch(platform.jdbc(), key, at));
    }

    /** A last flush, given one second: shutting down must not wait on a database that may be gone. */
    @PreDestroy
    void stop() {
        flusher.runNow(Duration.ofSeconds(1));
        flusher.stop();
    }
}
