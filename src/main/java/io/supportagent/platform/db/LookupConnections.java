package io.supportagent.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Platform connections for the short reads on a request's way in ({@link PlatformJdbc#lookups()}: its key or widget
 * key), with a socket timeout of their own. The platform pool's socket timeout is sized for operator work
 * and billing runs (a minute); a look-up on a connection whose server stopped answering without closing it (a network
 * partition, a frozen server) would hold the request that long. A single-row read by index that takes this long means
 * the database is away or overloaded: the request answers 503. The pool puts its own timeout back when the
 * connection returns.
 */
final class LookupConnections extends DelegatingDataSource {

    private final int socketTimeoutMillis;

    LookupConnections(DataSource platformPool, Duration socketTimeout) {
        super(platformPool);
        this.socketTimeoutMillis = Math.toIntExact(socketTimeout.toMillis());
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        try {
            connection.setNetworkTimeout(Runnable::run, socketTimeoutMillis);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Twice the connection wait, at least a second: 2 s with the defaults, a request's bound when the database goes. */
    static Duration socketTimeout(DatabaseTimeouts timeouts) {
        return Duration.ofMillis(Math.max(1000, 2 * timeouts.connectionTimeout().toMillis()));
    }
}
