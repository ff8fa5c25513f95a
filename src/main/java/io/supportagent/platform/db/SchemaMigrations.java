package io.supportagent.platform.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
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

/**
 * Versioned schema changes (Liquibase formatted SQL under {@code db/changelog}), applied by the schema owner. The
 * tag {@value #SINGLE_TENANT} marks the earlier single-tenant layout that every later change can be rolled back to.
 */
public final class SchemaMigrations {

    public static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";
    public static final String SINGLE_TENANT = "single-tenant";

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

    public Connection openOwnerConnection() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", owner.user());
        if (owner.password() != null) {
            props.setProperty("password", owner.password());
        }
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(owner.jdbcUrl(), props);
    }

    private void run(LiquibaseWork work) {
        try (Connection connection = openOwnerConnection()) {
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
