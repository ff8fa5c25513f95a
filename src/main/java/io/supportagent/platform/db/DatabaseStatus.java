package io.supportagent.platform.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, checked on a connection of its own opened for each check (as the request role, outside
 * both pools: neither a saturated pool nor the pool's pause between attempts to reconnect delays the answer, and no
 * connection is held between checks), so that nothing can hold up whoever asks: the readiness probe, and a page that
 * wants to show a banner while the database is away ({@link #current()}).
 *
 * <p>One check runs at a time; callers that come while it runs share its result. A database that refuses connections
 * is DOWN at once. A check that does not answer within the wait counts as the database being away once its last
 * answer is more than a second old (one slow check on a loaded machine does not take the node out of the load
 * balancer): the caller gets DOWN at once, and the check finishes in the background (its socket timeout ends it).
 */
public final class DatabaseStatus {

    private static final Logger log = LoggerFactory.getLogger(DatabaseStatus.class);
    /** A result this recent is answered as is: probes of several load balancers make one check. */
    private static final Duration FRESH = Duration.ofMillis(200);
    /** A slow check is forgiven while the last answer is younger than this. */
    private static final Duration FORGIVEN = Duration.ofSeconds(1);

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
    private final Duration wait;
    private volatile Seen last = new Seen(false, Instant.EPOCH, "not checked yet");
    private CompletableFuture<Seen> running;

    DatabaseStatus(String jdbcUrl, String user, String password, Duration wait) {
        this.jdbcUrl = jdbcUrl;
        this.wait = wait;
        properties.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "support-agent health");
        // Whole seconds are the driver's smallest; the caller's wait is what bounds a probe.
        properties.setProperty("connectTimeout", "1");
        properties.setProperty("socketTimeout", "2");
        start(); // answered before the first probe comes
    }

    /**
     * The latest result, without waiting: a check is started when it is older than a second, for the next caller.
     * For a page to show "the database is unavailable" while it is.
     */
    public Seen current() {
        Seen seen = last;
        if (seen.age().compareTo(Duration.ofSeconds(1)) > 0) {
            start();
        }
        return seen;
    }

    /** A fresh result, waiting at most the configured health timeout for it. */
    public Seen check() {
        Seen seen = last;
        if (seen.age().compareTo(FRESH) < 0) {
            return seen;
        }
        try {
            return start().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            Seen before = last;
            if (before.up() && before.age().compareTo(FORGIVEN) < 0) {
                return before;
            }
            Seen away = Seen.now(false, "no answer within " + wait.toMillis() + " ms");
            if (before.up()) {
                log.warn("The database does not answer: {}", away.problem());
            }
            last = away;
            return away;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Seen.now(false, "interrupted");
        } catch (ExecutionException e) {
            return Seen.now(false, e.getCause().toString());
        }
    }

    private synchronized CompletableFuture<Seen> start() {
        if (running == null || running.isDone()) {
            CompletableFuture<Seen> check = new CompletableFuture<>();
            running = check;
            Thread.ofVirtual().name("database-health").start(() -> check.complete(run()));
        }
        return running;
    }

    private Seen run() {
        Seen seen;
        try (Connection c = DriverManager.getConnection(jdbcUrl, properties);
                Statement statement = c.createStatement()) {
            statement.execute("select 1");
            seen = Seen.now(true, null);
        } catch (SQLException | RuntimeException e) {
            seen = Seen.now(false, e.getMessage());
        }
        Seen before = last;
        boolean first = before.at().equals(Instant.EPOCH);
        if (!seen.up() && (before.up() || first)) {
            log.warn("The database does not answer: {}", seen.problem());
        } else if (seen.up() && !before.up() && !first) {
            log.info("The database answers again");
        }
        last = seen;
        return seen;
    }
}
