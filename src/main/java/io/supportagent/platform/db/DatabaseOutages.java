package io.supportagent.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Requests answered 503 because the database was unavailable: counted ({@code support_agent_db_unavailable_total}),
 * and logged at most once every ten seconds with how many there were since, so an outage under load writes a few
 * lines, not one per request. When a request lost its connection (the server restarted), every idle connection of
 * both pools is dropped at once: they are broken too, and would each fail one more request once the server is back.
 */
@Component
public class DatabaseOutages {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutages.class);
    private static final long LOG_EVERY = Duration.ofSeconds(10).toNanos();

    private final Counter answered;
    private final List<HikariDataSource> pools;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY);
    private final AtomicLong sinceLogged = new AtomicLong();

    DatabaseOutages(
            MeterRegistry registry,
            FairConnectionQueue requestPool,
            @Qualifier(DatabaseConfiguration.PLATFORM) HikariDataSource platformPool) {
        this.pools = List.of((HikariDataSource) requestPool.getTargetDataSource(), platformPool);
        this.answered = Counter.builder("support_agent.db.unavailable")
                .description("Requests answered 503 because the database was away, saturated or too slow")
                .register(registry);
    }

    /** A request is answered 503 because of {@code failure}. */
    public void requestFailed(Throwable failure) {
        answered.increment();
        if (DatabaseFailures.connectionLost(failure)) {
            connectionsLost();
        }
        long count = sinceLogged.incrementAndGet();
        long last = lastLogged.get();
        long now = System.nanoTime();
        if (now - last >= LOG_EVERY && lastLogged.compareAndSet(last, now)) {
            sinceLogged.addAndGet(-count);
            // The innermost message names the cause (refused, timed out, cancelled) and carries no request data.
            log.warn(
                    "Answering 503, the database is unavailable: {} ({} such answers since the last line)",
                    root(failure),
                    count);
        }
    }

    /** Drops the pools' idle connections now and the others when they are given back; new ones are made as needed. */
    public void connectionsLost() {
        for (HikariDataSource pool : pools) {
            if (pool.getHikariPoolMXBean() != null) {
                pool.getHikariPoolMXBean().softEvictConnections();
            }
        }
    }

    private static String root(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
