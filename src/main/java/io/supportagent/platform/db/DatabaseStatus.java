package io.supportagent.platform.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, as a checker of its own keeps seeing it: a thread that every {@code interval} runs
 * {@code select 1} on a connection of its own (as the request role, outside both pools: neither a saturated pool nor
 * the pool's pause between attempts to reconnect delays it). The connection is kept between checks (a new one twice
 * a second would cost the database a backend process each time) and opened anew after any failure, so a restarted
 * database is seen at the next check. Whoever asks ({@link #current()}: the readiness probe, a page that shows a banner while the database is
 * away) reads the latest result and never waits for the database: a probe answers in the time it takes to serve a
 * static answer, whatever the database does.
 *
 * <p>A database that refuses connections is DOWN at the next check (within the interval). A check that does not
 * answer (a partition, a frozen server; the driver's socket timeout ends it after 2 s) leaves the latest result to
 * age: older than the interval and the health timeout together, it reads DOWN ("no answer for …"), so that one slow
 * check on a loaded machine does not take the node out of the load balancer, and a database that stopped answering
 * does within a couple of seconds.
 */
public final class DatabaseStatus implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseStatus.class);

    /** What was seen of the database {@code at}; {@code problem} says why it is not up. */
    public record Seen(boolean up, Instant at, String problem) {

        private static Seen now(boolean up, String problem) {
            return new Seen(up, Instant.now(), problem);
        }

        private Duration age() {
            return Duration.between(at, Instant.now());
        }
    }

    private final String jdbcUrl;
    private final Properties properties = new Properties();
    private final Duration interval;
    private final Duration stale;
    private final Thread checker;
    private volatile Seen last = new Seen(false, Instant.EPOCH, "not checked yet");
    private volatile boolean staleLogged;
    private volatile boolean closed;
    /** The checker's connection; only the checking thread touches it (the first check runs before that starts). */
    private Connection connection;

    /**
     * @param interval how often the checker looks
     * @param timeout how long past the interval a result may go without a new answer before it reads DOWN
     */
    DatabaseStatus(String jdbcUrl, String user, String password, Duration interval, Duration timeout) {
        this.jdbcUrl = jdbcUrl;
        this.interval = interval;
        this.stale = interval.plus(timeout);
        properties.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "support-agent health");
        // Whole seconds are the driver's smallest; they bound only the checker, never a probe.
        properties.setProperty("connectTimeout", "1");
        properties.setProperty("socketTimeout", "2");
        last = run(); // answered before the first probe comes
        // A platform thread: not queued behind the request threads for a carrier when the machine is busy.
        checker = Thread.ofPlatform().daemon().name("database-health").start(this::keepChecking);
    }

    /**
     * The latest result, without waiting for the database: DOWN when the database refused the last check, or when no
     * check has answered for longer than the interval and the health timeout.
     */
    public Seen current() {
        Seen seen = last;
        if (seen.up() && seen.age().compareTo(stale) > 0) {
            Seen away = new Seen(false, seen.at(), "no answer for " + seen.age().toMillis() + " ms");
            if (!staleLogged) {
                staleLogged = true;
                log.warn("The database does not answer: {}", away.problem());
            }
            return away;
        }
        return seen;
    }

    private void keepChecking() {
        long next = System.nanoTime();
        try {
            while (!closed) {
                next += interval.toNanos();
                long now = System.nanoTime();
                if (next < now) {
                    next = now; // a check that took longer than the interval: the next one at once
                }
                LockSupport.parkNanos(next - now);
                if (closed) {
                    return;
                }
                try {
                    last = run();
                } catch (RuntimeException | Error e) {
                    log.warn("The database check failed: {}", e.toString());
                }
            }
        } finally {
            disconnect(); // the node shuts down: its checker's connection goes with it
        }
    }

    private Seen run() {
        Seen seen;
        try {
            if (connection == null) {
                connection = DriverManager.getConnection(jdbcUrl, properties);
            }
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(stale.toNanos())));
                statement.execute("select 1");
            }
            seen = Seen.now(true, null);
        } catch (SQLException | RuntimeException e) {
            disconnect();
            seen = Seen.now(false, e.getMessage());
        }
        Seen before = last;
        boolean first = before.at().equals(Instant.EPOCH);
        if (!seen.up() && (before.up() && !staleLogged || first)) {
            log.warn("The database does not answer: {}", seen.problem());
        } else if (seen.up() && (!before.up() || staleLogged) && !first) {
            log.info("The database answers again");
        }
        if (seen.up()) {
            staleLogged = false;
        }
        return seen;
    }

    private void disconnect() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException ignored) {
                // broken already: a new one is opened at the next check
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        checker.interrupt();
    }
}
