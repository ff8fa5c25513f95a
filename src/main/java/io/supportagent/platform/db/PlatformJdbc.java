package io.supportagent.platform.db;

import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Explicit cross-tenant access as the platform role, for operator work (billing runs, the operator API, resolving a
 * presented key to its organization). Never used for a tenant's own requests, which go through the request pool.
 */
public final class PlatformJdbc {

    private final JdbcClient jdbc;
    private final JdbcClient lookups;
    private final TransactionTemplate transactions;

    PlatformJdbc(JdbcClient jdbc, JdbcClient lookups, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.lookups = lookups;
        this.transactions = transactions;
    }

    /** One statement in its own transaction. */
    public JdbcClient jdbc() {
        return jdbc;
    }

    /**
     * One short statement on a request's way in, outside any transaction (its key or widget key, read by index), with a socket
     * timeout of a request's size rather than operator work's ({@link LookupConnections}).
     */
    public JdbcClient lookups() {
        return lookups;
    }

    /** Several statements in one transaction. */
    public <T> T inTransaction(Function<JdbcClient, T> work) {
        return transactions.execute(status -> work.apply(jdbc));
    }
}
