package io.supportagent.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The latest use of each of many things (a key's last use, a website the widget was last seen on), kept roughly
 * current without a write per use: a use is noted in memory at most once per {@code noteEvery} per thing, and
 * {@link #flush} writes the noted ones. A use that cannot be written (the database away) stays noted for the next
 * flush, so an outage delays the times but loses none.
 *
 * @param <K> what is used
 */
public final class LatestUses<K> {

    private final Clock clock;
    private final Cache<K, Boolean> recentlyNoted;
    private final Map<K, Instant> pending = new ConcurrentHashMap<>();

    public LatestUses(Clock clock, Duration noteEvery, long mostRemembered) {
        this.clock = clock;
        this.recentlyNoted = Caffeine.newBuilder()
                .maximumSize(mostRemembered)
                .expireAfterWrite(noteEvery)
                .build();
    }

    /** Called on the request path: costs a map look-up. */
    public void used(K thing) {
        if (recentlyNoted.asMap().putIfAbsent(thing, Boolean.TRUE) == null) {
            pending.merge(thing, clock.instant(), LatestUses::later);
        }
    }

    /** Writes each noted use; one that fails is noted again (unless a later use was noted meanwhile) and rethrown. */
    public void flush(BiConsumer<K, Instant> write) {
        for (K thing : pending.keySet()) {
            Instant at = pending.remove(thing);
            if (at == null) {
                continue;
            }
            try {
                write.accept(thing, at);
            } catch (RuntimeException e) {
                pending.merge(thing, at, LatestUses::later);
                throw e;
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
