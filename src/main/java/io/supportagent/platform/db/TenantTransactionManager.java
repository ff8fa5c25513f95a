package io.supportagent.platform.db;

import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * The one place where the tenant reaches the database: at the start of every transaction on the request pool it
 * sets {@code app.current_org_id} and {@code app.livemode} with {@code set_config(..., true)}, local to that
 * transaction. Both are always written, empty when there is no tenant, so a pooled connection can never carry a
 * previous request's organization and work without a tenant sees nothing.
 */
public class TenantTransactionManager extends JdbcTransactionManager {

    static final String SET_CONTEXT =
            "select set_config('app.current_org_id', ?, true), set_config('app.livemode', ?, true)";

    public TenantTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        Tenant tenant = TenantContext.current().orElse(null);
        try (PreparedStatement statement = connection.prepareStatement(SET_CONTEXT)) {
            statement.setString(1, tenant == null ? "" : tenant.organizationId().toString());
            statement.setString(2, tenant == null ? "" : Boolean.toString(tenant.livemode()));
            statement.execute();
        }
    }
}
