package io.supportagent.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The platform pool as {@link PlatformJdbc} uses it: a request that already found the database away does not wait for
 * this pool either (its key, widget key and organization look-ups go through it), and a wait that fails here counts
 * for the rest of the request ({@link RequestDatabaseWaits}). Outside a request, the pool as it is.
 */
final class PlatformPoolForRequests extends DelegatingDataSource {

    private final String poolName;

    PlatformPoolForRequests(HikariDataSource pool) {
        super(pool);
        this.poolName = pool.getPoolName();
    }

    @Override
    public Connection getConnection() throws SQLException {
        RequestDatabaseWaits.checkBeforeWaiting(poolName);
        try {
            return super.getConnection();
        } catch (SQLException e) {
            RequestDatabaseWaits.databaseAway(e);
            throw e;
        }
    }
}
