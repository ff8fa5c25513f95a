package io.supportagent.platform.db;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Told by HikariCP of every failure of a pooled connection, on the thread that used it: a connection that broke
 * (the server shut down, restarted or cannot be reached) means the database is away for the rest of this request
 * too, so its later steps fail at once instead of each waiting for a connection ({@link RequestDatabaseWaits}).
 * HikariCP's own decision (evict the broken connection) stands.
 */
final class ConnectionLossNotice implements SQLExceptionOverride {

    @java.lang.Override // plain @Override would name the interface's enum
    public Override adjudicate(SQLException failure) {
        if (DatabaseFailures.connectionLost(failure)) {
            RequestDatabaseWaits.databaseAway(failure);
        }
        return Override.CONTINUE_EVICT;
    }
}
