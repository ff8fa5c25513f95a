package io.supportagent.platform.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema changes (Liquibase formatted SQL under {@code db/changelog}), applied by the schema owner. The
 * tag {@value #SINGLE_TENANT} marks the earlier single-tenant layout that every later change can be rolled back to.
 */
public final class SchemaMigrations {

    public static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";
    public static final String SINGLE_TENANT = "single-tenant";

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

    private final DatabaseUrl owner;
    private final DatabaseSettings settings;

    public SchemaMigrations(DatabaseUrl owner, DatabaseSettings settings) {
        this.owner = owner;
        this.settings = settings;
    }

    public void update() {
        run(liquibase -> liquibase.update(new Contexts(), new LabelExpression()));
    }

    public void updateToTag(String tag) {
        run(liquibase -> liquibase.update(tag, new Contexts(), new LabelExpression()));
    }

    public void rollbackToTag(String tag) {
        run(liquibase -> liquibase.rollback(tag, new Contexts(), new LabelExpression()));
    }

    /** Records changesets up to {@code tag} as applied without running them: for a database made by older tools. */
    public void markAppliedUpToTag(String tag) {
        run(liquibase -> liquibase.changeLogSync(tag, new Contexts(), new LabelExpression()));
    }

    /**
     * Runs {@code work} on one owner connection in one transaction, committed when it returns and rolled back when it
     * throws: the Liquibase steps it takes ({@link Session}) commit only with it, so a process killed at any instant
     * leaves the schema and its changelog either as they were or as {@code work} left them (DDL is transactional in
     * PostgreSQL). Liquibase's own lock row is taken and released inside that transaction too, so a killed run cannot
     * leave it set. Changesets that must run outside a transaction (CREATE INDEX CONCURRENTLY) cannot be used here.
     */
    public <T> T inOneTransaction(TransactionWork<T> work) {
        // Liquibase probes for its tables with queries that fail when they are missing; a failed statement aborts a
        // PostgreSQL transaction, so the driver wraps each statement in a savepoint and rolls back only that one.
        try (Connection connection = openOwnerConnection(Map.of("autosave", "always", "cleanupSavepoints", "true"))) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(new Session(connection));
                connection.commit();
                return result;
            } catch (Exception e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw new DatabaseUnavailable("schema migration failed: " + rootMessage(e), e);
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailable("schema migration failed: " + rootMessage(e), e);
        }
    }

    /** Work of {@link #inOneTransaction}. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Session session) throws Exception;
    }

    /** The one connection and transaction of {@link #inOneTransaction}, and Liquibase steps that commit with it. */
    public final class Session {

        private final Connection connection;
        private final Connection uncommitted;

        private Session(Connection connection) {
            this.connection = connection;
            this.uncommitted = withoutCommits(connection);
        }

        /** The transaction's connection (owner); do not commit or close it. */
        public Connection connection() {
            return connection;
        }

        public void update() {
            runOn(uncommitted, liquibase -> liquibase.update(new Contexts(), new LabelExpression()));
        }

        public void updateToTag(String tag) {
            runOn(uncommitted, liquibase -> liquibase.update(tag, new Contexts(), new LabelExpression()));
        }

        public void rollbackToTag(String tag) {
            runOn(uncommitted, liquibase -> liquibase.rollback(tag, new Contexts(), new LabelExpression()));
        }

        public void markAppliedUpToTag(String tag) {
            runOn(uncommitted, liquibase -> liquibase.changeLogSync(tag, new Contexts(), new LabelExpression()));
        }
    }

    /**
     * Releases Liquibase's lock when the session that took it no longer exists: a process killed while migrating
     * (kill -9, OOM, a lost SSH session) leaves {@code databasechangeloglock} set, and every later start would wait
     * for it and give up. The lock is stale when no other session of the schema owner on this database began before
     * the lock was granted (the holder opened its connection before locking). Returns what was released, to be said.
     */
    public Optional<String> releaseStaleLock() {
        try (Connection connection = openOwnerConnection();
                Statement s = connection.createStatement()) {
            if (!exists(s, "databasechangeloglock")) {
                return Optional.empty();
            }
            String held;
            try (ResultSet rs = s.executeQuery("""
                    select l.lockedby, to_char(l.lockgranted, 'YYYY-MM-DD HH24:MI:SS'),
                           exists (select 1 from pg_stat_activity a
                                    where a.datname = current_database() and a.usename = current_user
                                      and a.pid <> pg_backend_pid()
                                      and a.backend_start <= l.lockgranted + interval '1 minute')
                      from databasechangeloglock l
                     where l.id = 1 and l.locked""")) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                held = rs.getString(1) + " since " + rs.getString(2);
                if (rs.getBoolean(3)) {
                    log.warn(
                            "Liquibase's lock is held by {}; a session that may hold it is still connected, so it is"
                                    + " left alone",
                            held);
                    return Optional.empty();
                }
            }
            int released = s.executeUpdate("update databasechangeloglock set locked = false, lockgranted = null,"
                    + " lockedby = null where id = 1 and locked");
            if (released == 0) {
                return Optional.empty();
            }
            String message = "released a stale Liquibase lock (held by " + held
                    + ", whose session no longer exists: a migration was killed)";
            log.warn("{}", message);
            return Optional.of(message);
        } catch (SQLException e) {
            throw new DatabaseUnavailable("could not inspect Liquibase's lock: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("select to_regclass('" + table + "') is not null")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The connection as Liquibase gets it: commits, auto-commit changes and close are the transaction owner's. */
    private static Connection withoutCommits(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "commit", "rollback", "close" -> {
                    // Only a rollback to a savepoint (with an argument) is Liquibase's own; a whole rollback is the
                    // transaction owner's, done when the exception Liquibase throws reaches it.
                    if (method.getName().equals("rollback") && args != null && args.length > 0) {
                        return method.invoke(connection, args);
                    }
                    return null;
                }
                case "setAutoCommit" -> {
                    return null;
                }
                case "getAutoCommit" -> {
                    return false;
                }
                default -> {
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(
                SchemaMigrations.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    public Connection openOwnerConnection() throws SQLException {
        return openOwnerConnection(Map.of());
    }

    private Connection openOwnerConnection(Map<String, String> extra) throws SQLException {
        Properties props = new Properties();
        props.putAll(extra);
        props.setProperty("user", owner.user());
        if (owner.password() != null) {
            props.setProperty("password", owner.password());
        }
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(owner.jdbcUrl(), props);
    }

    private void run(LiquibaseWork work) {
        releaseStaleLock();
        try (Connection connection = openOwnerConnection()) {
            runOn(connection, work);
        } catch (SQLException e) {
            throw new DatabaseUnavailable("schema migration failed: " + rootMessage(e), e);
        }
    }

    private void runOn(Connection connection, LiquibaseWork work) {
        try {
            Database database =
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            try (Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database)) {
                liquibase.setChangeLogParameter("app_role", settings.appRole());
                liquibase.setChangeLogParameter("platform_role", settings.platformRole());
                // Liquibase's progress and summary go to its logger (quiet below WARN), not straight to stdout.
                liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
                Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), () -> work.run(liquibase));
            }
        } catch (SQLException | LiquibaseException e) {
            throw new DatabaseUnavailable("schema migration failed: " + rootMessage(e), e);
        } catch (Exception e) {
            throw new DatabaseUnavailable("schema migration failed: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @FunctionalInterface
    private interface LiquibaseWork {
        void run(Liquibase liquibase) throws Exception;
    }
}
