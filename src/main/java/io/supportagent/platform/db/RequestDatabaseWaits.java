package io.supportagent.platform.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * One wait for the database per request: once a request has found the database unavailable (no connection within
 * the pool's wait, or a connection that broke under it), every later connection it asks for, from either pool, fails
 * at once instead of waiting again.
 *
 * <p>Why: a request does not always end at its first database failure. Some layers carry on by design (the agent
 * answers with a graceful hand-off when its knowledge search fails, the idempotency filter releases its key after the
 * work failed, a cache keeps its value), and each further step used to wait out the pool's whole connection wait
 * again: a widget message in flight when the database went away answered 503 only after 2–4 such waits. With this,
 * the 503 comes within one wait (about a second) of the outage, or at once when the connection broke.
 *
 * <p>Scoped to the request's thread by {@link #open()} (the outermost filter); work outside a request (background
 * jobs, cache re-checks) never fails fast, and a new request tries the database afresh.
 */
public final class RequestDatabaseWaits {

    /** The open request's state (what told it the database was away, if anything): null outside a request. */
    private static final ThreadLocal<Throwable[]> AWAY = new ThreadLocal<>();

    private RequestDatabaseWaits() {}

    /** Opens the scope of a request on this thread; a scope already open (a nested dispatch) is kept. */
    public static Scope open() {
        if (AWAY.get() != null) {
            return () -> {};
        }
        AWAY.set(new Throwable[1]);
        return AWAY::remove;
    }

    /** The scope of one request: closing it forgets what the request found. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Fails at once when this request has already found the database unavailable, with what told it so as the cause
     * (a broken connection there makes {@link DatabaseOutages} drop the pools' other idle connections, as before).
     */
    static void checkBeforeWaiting(String poolName) throws SQLException {
        Throwable[] away = AWAY.get();
        if (away != null && away[0] != null) {
            throw new SQLTransientConnectionException(
                    poolName + " - Connection is not available: the database was unavailable earlier in this request",
                    away[0]);
        }
    }

    /** This request found the database unavailable, as {@code failure} says (no effect outside a request). */
    static void databaseAway(SQLException failure) {
        Throwable[] away = AWAY.get();
        if (away != null && away[0] == null) {
            away[0] = failure;
        }
    }
}
