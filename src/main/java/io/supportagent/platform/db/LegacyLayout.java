package io.supportagent.platform.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Recognises a database of the earlier single-tenant system: its tables {@code stores}, {@code conversations} or
 * {@code messages} without the {@code organizations} of the multi-tenant schema. Such a database is upgraded only by
 * the {@value #COMMAND} command; every other start refuses it, before anything is written to it.
 */
public final class LegacyLayout {

    /** The command that moves a single-tenant database to the multi-tenant schema. */
    public static final String COMMAND = "migrate-to-multi-tenant";

    private LegacyLayout() {}

    /** Whether the database holds the single-tenant layout and has not been migrated. */
    public static boolean isSingleTenant(Connection owner) throws SQLException {
        try (Statement s = owner.createStatement();
                ResultSet rs = s.executeQuery("""
                        select to_regclass('organizations') is null
                           and (to_regclass('stores') is not null or to_regclass('conversations') is not null
                                or to_regclass('messages') is not null)""")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * When the schema upgrade of a start failed: if the database is one the {@value #COMMAND} command left half-way
     * (an earlier version of it committed in several steps and could be stopped between them: organization columns
     * present, rows not yet assigned, the step that requires them not run), the operator is told to finish or roll
     * back that migration instead of reading a constraint error.
     */
    static RuntimeException explainFailedUpgrade(SchemaMigrations migrations, RuntimeException failure) {
        try (Connection owner = migrations.openOwnerConnection();
                Statement s = owner.createStatement();
                ResultSet rs = s.executeQuery("""
                        select to_regclass('organizations') is not null
                           and to_regclass('databasechangelog') is not null
                           and exists (select 1 from databasechangelog where id = 'tag-single-tenant')
                           and not exists (select 1 from databasechangelog where id = '004-require-organization')
                           and exists (select 1 from pg_attribute
                                        where attrelid = to_regclass('conversations')
                                          and attname = 'organization_id' and not attnotnull)""")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return failure;
            }
        } catch (SQLException e) {
            return failure;
        }
        return new DatabaseUnavailable(
                "this database was left partly migrated by an interrupted " + COMMAND + " (organization columns"
                        + " added, rows not all assigned); run " + COMMAND + " again to finish it, or " + COMMAND
                        + " --rollback to restore the single-tenant layout (see docs/legacy-migration.md)",
                failure);
    }

    /** Stops a start on a single-tenant database with the one line that tells the operator what to do. */
    static void refuseSingleTenant(SchemaMigrations migrations) {
        try (Connection owner = migrations.openOwnerConnection()) {
            if (isSingleTenant(owner)) {
                throw new DatabaseUnavailable("this database holds the earlier single-tenant layout (stores,"
                        + " conversations, messages without organizations); back it up and run the " + COMMAND
                        + " command first (see docs/legacy-migration.md)");
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailable("could not inspect the database schema: " + e.getMessage(), e);
        }
    }
}
