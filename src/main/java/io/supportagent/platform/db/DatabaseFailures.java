package io.supportagent.platform.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure of the database's availability (away, overloaded, too slow: the same request may well succeed in
 * a moment) from a bug or bad data. The first answers 503 with {@code Retry-After}, the second 500.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    /**
     * A cached value read again, or, while the database is away, the value at hand (stale while error): an outage must
     * not turn what a node already knows into failures. Any other failure propagates.
     */
    public static <T> T readAgainOrKeep(Supplier<T> read, T known) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            if (unavailable(e)) {
                return known;
            }
            throw e;
        }
    }

    /**
     * Whether {@code failure}, or anything that caused it, says that the database could not do the work right now:
     * no connection within the wait (pool saturated or server away), the connection lost, the statement or lock
     * timeout reached, the server shutting down or out of connections, a deadlock or serialization failure.
     */
    public static boolean unavailable(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        collect(failure, chain);
        for (Throwable t : chain) {
            if (t instanceof SQLException sql && (sql.getSQLState() != null || sql instanceof SQLTransientException)) {
                // The driver's own word decides, whatever Spring made of it.
                return unavailable(sql);
            }
        }
        boolean jdbcFailed = chain.stream().anyMatch(SQLException.class::isInstance);
        return chain.stream()
                .anyMatch(t -> t instanceof CannotCreateTransactionException
                        || t instanceof DataAccessResourceFailureException
                        || t instanceof TransientDataAccessException
                        // a commit or rollback that failed in the driver: the pool had closed the broken connection
                        || t instanceof TransactionSystemException && jdbcFailed);
    }

    /**
     * {@code failure} and its causes; for a failed rollback, the failure that made it roll back comes first (a commit
     * that lost its connection is followed by a rollback that finds the connection closed).
     */
    private static void collect(Throwable failure, List<Throwable> chain) {
        for (Throwable t = failure; t != null && chain.size() < 20 && !chain.contains(t); t = t.getCause()) {
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
                collect(rollback.getApplicationException(), chain);
            }
            chain.add(t);
        }
    }

    /**
     * Whether {@code failure} says that a connection broke or could not be made (the server went away, restarted or
     * refuses connections): the pool's other connections to it are most likely broken too.
     */
    public static boolean connectionLost(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        collect(failure, chain);
        for (Throwable t : chain) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (sql instanceof SQLNonTransientConnectionException
                        || state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean unavailable(SQLException e) {
        if (e instanceof SQLTransientException
                || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        if (state == null || state.length() != 5) {
            return false;
        }
        return switch (state.substring(0, 2)) {
            // connection exception; insufficient resources (too many connections, out of memory or disk);
            // operator intervention (query cancelled by statement_timeout, server shutting down or starting)
            case "08", "53", "57" -> true;
            // lock_not_available (lock_timeout); serialization failure and deadlock: a retry can succeed
            default -> state.equals("55P03") || state.equals("40001") || state.equals("40P01");
        };
    }
}
