package io.supportagent.platform.db;

import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * The one place where the tenant reaches the database: at the start of every transaction on the request pool it
 * sets {@code app.current_org_id} and {@code app.livemode} with {@code set_config(..., true)}, local to that
 * transaction. Both are always written, empty when there is no tenant, so a pooled connection can never carry a
 * previous request's organization and work without a tenant sees nothing.
 *
 * <p>The same statement bounds the transaction: {@code statement_timeout} and {@code lock_timeout}, so that a slow
 * statement or a lock held elsewhere ends the request (503) and frees its connection instead of holding both. A
 * transaction that declares a timeout ({@code @Transactional(timeout = 30)}, for a heavy report) gets it as its
 * statement timeout. One statement, so bounding costs no round trip.
 */
public class TenantTransactionManager extends JdbcTransactionManager {

    static final String SET_CONTEXT =
            "select set_config('app.current_org_id', ?, true), set_config('app.livemode', ?, true),"
                    + " set_config('statement_timeout', ?, true), set_config('lock_timeout', ?, true)";

    /**
     * The same, and the transaction read-only: for a read-only caller (operator staff viewing an organization), so
     * that no statement of theirs can change the tenant's rows, whatever a page would do. Turning a transaction
     * read-only is allowed at any point of it (only the other way is not).
     */
    static final String SET_CONTEXT_READ_ONLY = SET_CONTEXT + ", set_config('transaction_read_only', 'on', true)";

    private final DatabaseTimeouts timeouts;

    /** With the default timeouts. */
    public TenantTransactionManager(DataSource dataSource) {
        this(dataSource, DatabaseTimeouts.defaults());
    }

    public TenantTransactionManager(DataSource dataSource, DatabaseTimeouts timeouts) {
        super(dataSource);
        this.timeouts = timeouts;
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        Tenant tenant = TenantContext.current().orElse(null);
        Duration statementTimeout = statementTimeout(definition);
        boolean readOnly = io.supportagent.platform.CallerAuthentication.current()
                .filter(caller -> caller instanceof io.supportagent.platform.Caller.Member member && member.readOnly())
                .isPresent();
        try (PreparedStatement statement =
                connection.prepareStatement(readOnly ? SET_CONTEXT_READ_ONLY : SET_CONTEXT)) {
            statement.setString(1, tenant == null ? "" : tenant.organizationId().toString());
            statement.setString(2, tenant == null ? "" : Boolean.toString(tenant.livemode()));
            statement.setString(3, Long.toString(statementTimeout.toMillis()));
            statement.setString(4, Long.toString(timeouts.lockTimeout().toMillis()));
            statement.execute();
        }
        if (statementTimeout.compareTo(timeouts.statementTimeout()) > 0) {
            // The pool's socket timeout is sized for the default; the pool puts it back when the connection returns.
            connection.setNetworkTimeout(
                    Runnable::run, (int) DatabaseConfiguration.socketTimeoutSeconds(statementTimeout) * 1000);
        }
    }

    private Duration statementTimeout(TransactionDefinition definition) {
        int declared = determineTimeout(definition);
        return declared == TransactionDefinition.TIMEOUT_DEFAULT
                ? timeouts.statementTimeout()
                : Duration.ofSeconds(declared);
    }
}
