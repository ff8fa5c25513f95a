package io.supportagent.legacy;

import io.supportagent.agents.AgentService;
import io.supportagent.apikeys.ApiKeyService;
import io.supportagent.apikeys.IssuedKey;
import io.supportagent.legacy.DatabaseState.Kind;
import io.supportagent.platform.AgentDefinitionId;
import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.DatabaseSettings;
import io.supportagent.platform.db.DatabaseUnavailable;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.platform.db.SchemaMigrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves a database of the earlier single-tenant system, in place, to the multi-tenant schema (SPEC §8).
 *
 * <p>Order: record the single-tenant layout in Liquibase's log (the earlier system never had one), give the platform
 * roles the privileges the changelog's first changeset gives on a new database, apply the schema changes up to
 * {@value #MULTI_TENANT_SCHEMA} (organization columns still nullable), then move the data in one transaction of the
 * platform role (the owner sees no rows under forced row-level security), validate it, commit, and apply the rest of
 * the changelog (organization columns NOT NULL). Any failure undoes every step this run made, so the database is as
 * it was. Rows are moved with set-based SQL: a million messages are one UPDATE, not a million.
 *
 * <p>The data step writes other modules' tables directly: a one-time bulk move cannot go row by row through their
 * services. Keys and the agent definition still come from their modules ({@link ApiKeyService},
 * {@link AgentService}), inside this transaction.
 */
@Component
class LegacyMigration {

    static final String MULTI_TENANT_SCHEMA = "multi-tenant-schema";
    static final String LIVE_KEY_NAME = "Migrated live key";
    static final String TEST_KEY_NAME = "Migrated test key";

    /** Test hook: called with the name of each step of the data transaction, and that transaction, once it is done. */
    static volatile BiConsumer<String, JdbcClient> failpoint = (step, tx) -> {};

    private static final Logger log = LoggerFactory.getLogger(LegacyMigration.class);

    private static final Map<String, Map<String, String>> LAYOUT = Map.of(
            "stores", columns("id", "uuid", "name", "text", "domain", "text", "created_at", "timestamp with time zone"),
            "conversations",
                    columns(
                            "id",
                            "uuid",
                            "store_id",
                            "uuid",
                            "customer_name",
                            "text",
                            "customer_email",
                            "text",
                            "status",
                            "text",
                            "created_at",
                            "timestamp with time zone",
                            "updated_at",
                            "timestamp with time zone"),
            "messages",
                    columns(
                            "id",
                            "uuid",
                            "conversation_id",
                            "uuid",
                            "role",
                            "text",
                            "content",
                            "text",
                            "created_at",
                            "timestamp with time zone"));
    private static final List<String> TABLES = List.of("stores", "conversations", "messages");

    private final SchemaMigrations migrations;
    private final DatabaseSettings settings;
    private final PlatformJdbc platform;
    private final AgentService agents;
    private final ApiKeyService apiKeys;

    LegacyMigration(
            SchemaMigrations migrations,
            DatabaseSettings settings,
            PlatformJdbc platform,
            AgentService agents,
            ApiKeyService apiKeys) {
        this.migrations = migrations;
        this.settings = settings;
        this.platform = platform;
        this.agents = agents;
        this.apiKeys = apiKeys;
    }

    /** Looks at the database as its owner, changing nothing. */
    DatabaseState inspect() {
        try (Connection owner = migrations.openOwnerConnection()) {
            boolean changelog = exists(owner, "databasechangelog");
            if (exists(owner, "organizations")) {
                if (changelog && ran(owner, "tag-multi-tenant-schema")) {
                    return new DatabaseState(Kind.MIGRATED, null, true, null);
                }
                return DatabaseState.unsupported("the database has an organizations table but no record of this"
                        + " platform's schema changes: it is neither a single-tenant nor a migrated database");
            }
            List<String> missing =
                    TABLES.stream().filter(t -> !exists(owner, t)).toList();
            if (missing.size() == TABLES.size()) {
                return DatabaseState.unsupported(
                        "no stores, conversations or messages tables: this is not a single-tenant database");
            }
            if (!missing.isEmpty()) {
                return DatabaseState.unsupported("table " + String.join(", ", missing)
                        + " is missing: not the complete single-tenant layout (stores, conversations, messages)");
            }
            for (String table : TABLES) {
                String problem = layoutProblem(owner, table);
                if (problem != null) {
                    return DatabaseState.unsupported(problem);
                }
            }
            if (changelog && !ran(owner, "001-single-tenant-layout")) {
                return DatabaseState.unsupported("databasechangelog exists but does not record the single-tenant"
                        + " layout: this database was not made by this platform or the earlier system");
            }
            return new DatabaseState(Kind.SINGLE_TENANT, null, changelog, counts(owner));
        } catch (SQLException e) {
            return DatabaseState.unsupported("could not inspect the database: " + e.getMessage());
        }
    }

    /**
     * Migrates a database found {@link Kind#SINGLE_TENANT}. On any failure everything this run did is undone and
     * {@link MigrationFailed} says why.
     */
    MigrationResult migrate(DatabaseState state, String organizationName) {
        if (state.kind() != Kind.SINGLE_TENANT) {
            throw new IllegalStateException("not a single-tenant database: " + state.kind());
        }
        Undo undo = new Undo();
        long started = System.nanoTime();
        try {
            if (!state.changelogPresent()) {
                undo.dropChangelog = true;
                migrations.markAppliedUpToTag(SchemaMigrations.SINGLE_TENANT);
                log.info("Recorded the single-tenant layout as applied in databasechangelog");
            }
            grantPlatformRoles(undo);
            undo.rollbackSchema = true;
            migrations.updateToTag(MULTI_TENANT_SCHEMA);
            log.info("Schema upgraded to {} in {} ms", MULTI_TENANT_SCHEMA, millisSince(started));
            undo.bulkLoad.drop();
            MigrationResult result = platform.inTransaction(tx -> moveData(tx, organizationName));
            log.info("Data committed after {} ms", millisSince(started));
            undo.bulkLoad.restore();
            log.info("Foreign keys and indexes restored after {} ms", millisSince(started));
            migrations.update();
            analyze();
            log.info("Remaining schema changes applied; migration done in {} ms", millisSince(started));
            return result;
        } catch (RuntimeException e) {
            String reason =
                    e instanceof MigrationFailed || e instanceof DatabaseUnavailable ? e.getMessage() : rootMessage(e);
            log.error("Migration failed, undoing it: {}", reason);
            String restored = undo.run();
            throw new MigrationFailed(reason + "; " + restored, e);
        }
    }

    /** Organizations of a migrated database (platform role: the owner sees none under row-level security). */
    long organizations() {
        return platform.jdbc()
                .sql("SELECT count(*) FROM organizations")
                .query(Long.class)
                .single();
    }

    /** The schema downgrade: back to the single-tenant layout, keeping every store, conversation and message. */
    void rollBack() {
        long started = System.nanoTime();
        migrations.rollbackToTag(SchemaMigrations.SINGLE_TENANT);
        log.info("Schema rolled back to {} in {} ms", SchemaMigrations.SINGLE_TENANT, millisSince(started));
    }

    private MigrationResult moveData(JdbcClient tx, String organizationName) {
        long started = System.nanoTime();
        // The earlier system must be stopped; this keeps any straggler from writing while rows move.
        tx.sql("LOCK TABLE stores, conversations, messages IN EXCLUSIVE MODE").update();
        LegacyCounts before = counts(tx);

        OrganizationId org = OrganizationId.random();
        tx.sql("INSERT INTO organizations (id, name, tier) VALUES (:id, :name, 'enterprise')")
                .param("id", org.value())
                .param("name", organizationName)
                .update();
        int stores = tx.sql("UPDATE stores SET organization_id = :org WHERE organization_id IS NULL")
                .param("org", org.value())
                .update();
        log.info("Organization {} created; {} stores assigned", org, stores);
        failpoint.accept("stores-assigned", tx);

        AgentDefinitionId definition = agents.customerServiceV1(tx);
        List<UUID> storeIds = tx.sql("SELECT id FROM stores WHERE organization_id = :org ORDER BY id")
                .param("org", org.value())
                .query(UUID.class)
                .list();
        // Keys are made in Java (KeyFormat's checksum), then inserted in one statement.
        String keys = storeIds.stream()
                .map(id -> KeyFormat.generate(KeyFormat.Type.WIDGET))
                .collect(Collectors.joining(","));
        int instances = tx.sql("""
                        INSERT INTO agent_instances (organization_id, store_id, agent_definition_id, name, public_key)
                        SELECT :org, s.id, :definition, 'Customer service - ' || s.name, k.public_key
                          FROM unnest(CAST(string_to_array(:ids, ',') AS uuid[]), string_to_array(:keys, ','))
                               AS k(store_id, public_key)
                          JOIN stores s ON s.id = k.store_id""")
                .param("org", org.value())
                .param("definition", definition.value())
                .param("ids", storeIds.stream().map(UUID::toString).collect(Collectors.joining(",")))
                .param("keys", keys)
                .update();
        log.info("{} agent instances created with their widget keys", instances);
        failpoint.accept("instances-created", tx);

        int conversations = tx.sql("""
                        UPDATE conversations c
                           SET organization_id = i.organization_id, agent_instance_id = i.id
                          FROM agent_instances i
                         WHERE i.organization_id = :org AND i.store_id = c.store_id AND c.organization_id IS NULL""").param("org", org.value()).update();
        log.info("{} conversations linked to their store's instance", conversations);
        int messages = tx.sql("UPDATE messages SET organization_id = :org WHERE organization_id IS NULL")
                .param("org", org.value())
                .update();
        log.info("{} messages assigned", messages);
        failpoint.accept("messages-assigned", tx);

        // Every month with conversations, in UTC (the organization's billing time zone), the current one included,
        // so that this month's count continues from the real figure.
        int months = tx.sql("""
                        INSERT INTO conversation_usage (organization_id, period_start, conversations)
                        SELECT :org, CAST(date_trunc('month', created_at AT TIME ZONE 'UTC') AS date), count(*)
                          FROM conversations
                         WHERE organization_id = :org AND livemode
                         GROUP BY 2""").param("org", org.value()).update();
        // And the usage ledger: one event per conversation counted above, so that its totals equal the counts.
        int events = tx.sql("""
                        INSERT INTO usage_events (organization_id, conversation_id, store_id, agent_instance_id,
                                                  period_start, counted_at)
                        SELECT :org, id, store_id, agent_instance_id,
                               CAST(date_trunc('month', created_at AT TIME ZONE 'UTC') AS date), created_at
                          FROM conversations
                         WHERE organization_id = :org AND livemode""").param("org", org.value()).update();
        log.info("Usage backfilled for {} months ({} usage events)", months, events);

        IssuedKey live = apiKeys.issueWith(tx, org, true, LIVE_KEY_NAME);
        IssuedKey test = apiKeys.issueWith(tx, org, false, TEST_KEY_NAME);
        log.info(
                "Live and test API keys issued ({}, {})",
                live.key().displayPrefix(),
                test.key().displayPrefix());
        failpoint.accept("keys-issued", tx);

        validate(tx, org, before);
        log.info("Validated; data transaction took {} ms", millisSince(started));
        return new MigrationResult(org, organizationName, before, instances, months, live, test);
    }

    private static void validate(JdbcClient tx, OrganizationId org, LegacyCounts before) {
        Map<String, Object> v = tx.sql("""
                        SELECT (SELECT count(*) FROM stores) AS stores,
                               (SELECT count(*) FROM stores WHERE organization_id IS DISTINCT FROM :org) AS unassigned_stores,
                               (SELECT count(*) FROM conversations) AS conversations,
                               (SELECT count(*) FROM conversations
                                 WHERE agent_instance_id IS NULL OR organization_id IS DISTINCT FROM :org) AS unlinked,
                               (SELECT count(*) FROM messages) AS messages,
                               (SELECT count(*) FROM messages WHERE organization_id IS DISTINCT FROM :org) AS unassigned_messages,
                               (SELECT count(DISTINCT store_id) FROM agent_instances WHERE organization_id = :org) AS instance_stores""").param("org", org.value()).query().singleRow();
        LegacyCounts after = new LegacyCounts(number(v, "stores"), number(v, "conversations"), number(v, "messages"));
        List<String> problems = new ArrayList<>();
        if (!after.equals(before)) {
            problems.add("row counts changed from " + before + " to " + after);
        }
        if (number(v, "unassigned_stores") > 0) {
            problems.add(number(v, "unassigned_stores") + " stores without the organization");
        }
        if (number(v, "unlinked") > 0) {
            problems.add(number(v, "unlinked") + " conversations without an agent instance");
        }
        if (number(v, "unassigned_messages") > 0) {
            problems.add(number(v, "unassigned_messages") + " messages without the organization");
        }
        if (number(v, "instance_stores") != after.stores()) {
            problems.add(number(v, "instance_stores") + " stores with an agent instance out of " + after.stores());
        }
        if (!problems.isEmpty()) {
            throw new MigrationFailed("validation failed: " + String.join("; ", problems));
        }
    }

    /**
     * The privileges changeset 000 gives the platform roles on a new database: on tables the owner makes from now
     * on, and on the three tables the earlier system made before. Only what is missing is granted, and remembered so
     * that a failed run revokes exactly that.
     */
    private void grantPlatformRoles(Undo undo) {
        try (Connection owner = migrations.openOwnerConnection();
                Statement s = owner.createStatement()) {
            for (String role : List.of(settings.appRole(), settings.platformRole())) {
                if (!defaultPrivilegesFor(owner, role, "r")) {
                    execute(
                            s,
                            undo,
                            "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE"
                                    + " ON TABLES TO " + role,
                            "ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT,"
                                    + " INSERT, UPDATE, DELETE ON TABLES FROM " + role);
                }
                if (!defaultPrivilegesFor(owner, role, "S")) {
                    execute(
                            s,
                            undo,
                            "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO " + role,
                            "ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM " + role);
                }
                if (!check(owner, "select has_schema_privilege(?, 'public', 'USAGE')", role)) {
                    execute(
                            s,
                            undo,
                            "GRANT USAGE ON SCHEMA public TO " + role,
                            "REVOKE USAGE ON SCHEMA public FROM " + role);
                }
                for (String table : TABLES) {
                    for (String privilege : List.of("SELECT", "INSERT", "UPDATE", "DELETE")) {
                        if (!check(
                                owner, "select has_table_privilege(?, '" + table + "', '" + privilege + "')", role)) {
                            execute(
                                    s,
                                    undo,
                                    "GRANT " + privilege + " ON " + table + " TO " + role,
                                    "REVOKE " + privilege + " ON " + table + " FROM " + role);
                        }
                    }
                }
            }
            log.info(
                    "Privileges of {} and {} on the single-tenant tables in place",
                    settings.appRole(),
                    settings.platformRole());
        } catch (SQLException e) {
            throw new MigrationFailed("could not grant the platform roles their privileges: " + e.getMessage(), e);
        }
    }

    private static void execute(Statement s, Undo undo, String sql, String reverse) throws SQLException {
        s.execute(sql);
        undo.revokes.addFirst(reverse);
    }

    private static boolean defaultPrivilegesFor(Connection owner, String role, String objectType) throws SQLException {
        try (PreparedStatement p = owner.prepareStatement("""
                select exists (
                  select 1 from pg_default_acl d
                    join pg_namespace n on n.oid = d.defaclnamespace
                    cross join lateral aclexplode(d.defaclacl) a
                   where n.nspname = 'public' and d.defaclobjtype = ?::"char"
                     and d.defaclrole = (select oid from pg_roles where rolname = current_user)
                     and a.grantee = (select oid from pg_roles where rolname = ?))""")) {
            p.setString(1, objectType);
            p.setString(2, role);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** What this run changed in the schema, undone in reverse order when it fails. */
    private final class Undo {

        boolean dropChangelog;
        boolean rollbackSchema;
        final Deque<String> revokes = new ArrayDeque<>();
        final BulkLoad bulkLoad = new BulkLoad();

        String run() {
            List<String> problems = new ArrayList<>();
            try {
                bulkLoad.restore();
            } catch (RuntimeException e) {
                problems.add("restoring the foreign keys and indexes failed: " + rootMessage(e));
            }
            if (rollbackSchema && problems.isEmpty()) {
                try {
                    migrations.rollbackToTag(SchemaMigrations.SINGLE_TENANT);
                    log.info("Schema rolled back to {}", SchemaMigrations.SINGLE_TENANT);
                } catch (RuntimeException e) {
                    problems.add("rolling the schema back failed: " + rootMessage(e));
                }
            }
            if (problems.isEmpty()) {
                try (Connection owner = migrations.openOwnerConnection();
                        Statement s = owner.createStatement()) {
                    for (String revoke : revokes) {
                        s.execute(revoke);
                    }
                    if (dropChangelog) {
                        s.execute("DROP TABLE IF EXISTS databasechangelog, databasechangeloglock");
                    }
                } catch (SQLException e) {
                    problems.add("undoing the privileges or the changelog failed: " + e.getMessage());
                }
            }
            if (problems.isEmpty()) {
                return "nothing was changed: the database is as it was";
            }
            log.error("The database could not be put back as it was: {}", problems);
            return "THE DATABASE COULD NOT BE PUT BACK AS IT WAS (" + String.join("; ", problems)
                    + "): restore the backup";
        }
    }

    /**
     * The foreign keys and indexes on the organization columns of conversations and messages (changeset 002's),
     * dropped while the rows move and recreated from their own definitions afterwards: one validating join and one
     * sorted index build each, instead of a per-row foreign-key check and a random index insert for every one of a
     * million rows. The data transaction validates the same relations before it commits.
     */
    private final class BulkLoad {

        private final List<String[]> foreignKeys = new ArrayList<>();
        private final List<String> indexes = new ArrayList<>();
        private final List<String> indexNames = new ArrayList<>();
        private boolean dropped;

        void drop() {
            try (Connection owner = migrations.openOwnerConnection()) {
                owner.setAutoCommit(false);
                try (Statement s = owner.createStatement()) {
                    try (ResultSet rs = s.executeQuery("""
                            select c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
                              from pg_constraint c
                             where c.contype = 'f' and c.conrelid in ('conversations'::regclass, 'messages'::regclass)
                               and exists (select 1 from pg_attribute a
                                            where a.attrelid = c.conrelid and a.attnum = any (c.conkey)
                                              and a.attname in ('organization_id', 'agent_instance_id'))
                             order by 1 desc, 2""")) {
                        while (rs.next()) {
                            foreignKeys.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                        }
                    }
                    try (ResultSet rs = s.executeQuery("""
                            select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                              from pg_index i
                             where i.indrelid in ('conversations'::regclass, 'messages'::regclass)
                               and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
                               and exists (select 1 from pg_attribute a
                                            where a.attrelid = i.indrelid and a.attnum = any (i.indkey)
                                              and a.attname = 'organization_id')
                             order by 1""")) {
                        while (rs.next()) {
                            indexes.add(rs.getString(2));
                            indexNames.add(rs.getString(1));
                        }
                    }
                    for (String[] fk : foreignKeys) {
                        s.execute("ALTER TABLE " + fk[0] + " DROP CONSTRAINT " + fk[1]);
                    }
                    for (String name : indexNames) {
                        s.execute("DROP INDEX " + name);
                    }
                }
                owner.commit();
                dropped = true;
                log.info(
                        "Dropped {} foreign keys and {} indexes for the bulk update",
                        foreignKeys.size(),
                        indexes.size());
            } catch (SQLException e) {
                throw new MigrationFailed("could not prepare the bulk update: " + e.getMessage(), e);
            }
        }

        void restore() {
            if (!dropped) {
                return;
            }
            try (Connection owner = migrations.openOwnerConnection()) {
                owner.setAutoCommit(false);
                try (Statement s = owner.createStatement()) {
                    s.execute("SET LOCAL maintenance_work_mem = '256MB'");
                    for (String index : indexes) {
                        s.execute(index);
                    }
                    for (String[] fk : foreignKeys) {
                        s.execute("ALTER TABLE " + fk[0] + " ADD CONSTRAINT " + fk[1] + " " + fk[2]);
                    }
                }
                owner.commit();
                dropped = false;
            } catch (SQLException e) {
                throw new MigrationFailed("could not restore the foreign keys and indexes: " + e.getMessage(), e);
            }
        }
    }

    /** Fresh statistics for the new organization columns, for the plans of the running platform. */
    private void analyze() {
        try (Connection owner = migrations.openOwnerConnection();
                Statement s = owner.createStatement()) {
            s.execute("ANALYZE stores, conversations, messages");
        } catch (SQLException e) {
            log.warn("ANALYZE after the migration failed (autovacuum will catch up): {}", e.getMessage());
        }
    }

    private static LegacyCounts counts(JdbcClient jdbc) {
        Map<String, Object> row = jdbc.sql("SELECT (SELECT count(*) FROM stores) AS stores,"
                        + " (SELECT count(*) FROM conversations) AS conversations,"
                        + " (SELECT count(*) FROM messages) AS messages")
                .query()
                .singleRow();
        return new LegacyCounts(number(row, "stores"), number(row, "conversations"), number(row, "messages"));
    }

    private static LegacyCounts counts(Connection owner) throws SQLException {
        try (Statement s = owner.createStatement();
                ResultSet rs = s.executeQuery("select (select count(*) from stores), (select count(*) from"
                        + " conversations), (select count(*) from messages)")) {
            rs.next();
            return new LegacyCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    private static String layoutProblem(Connection owner, String table) throws SQLException {
        Map<String, String> actual = new LinkedHashMap<>();
        String tableOwner = null;
        try (PreparedStatement p = owner.prepareStatement("""
                select c.column_name, c.data_type, t.tableowner
                  from information_schema.columns c
                  join pg_tables t on t.schemaname = c.table_schema and t.tablename = c.table_name
                 where c.table_schema = current_schema() and c.table_name = ?""")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    actual.put(rs.getString(1), rs.getString(2));
                    tableOwner = rs.getString(3);
                }
            }
        }
        for (var expected : LAYOUT.get(table).entrySet()) {
            String type = actual.get(expected.getKey());
            if (type == null) {
                return "table " + table + " has no column " + expected.getKey()
                        + ": not the single-tenant layout this command knows";
            }
            if (!type.equals(expected.getValue())) {
                return "column " + table + "." + expected.getKey() + " is " + type + ", expected " + expected.getValue()
                        + ": not the single-tenant layout this command knows";
            }
        }
        if (actual.containsKey("organization_id")) {
            return "table " + table + " already has an organization_id column but the database has no"
                    + " organizations: a partly migrated database this command does not know; restore the backup";
        }
        if (!check(
                owner,
                "select ? = current_user or (select rolsuper from pg_roles where rolname = current_user)",
                tableOwner)) {
            return "table " + table + " belongs to " + tableOwner
                    + ": connect (DATABASE_URL) as the owner of the single-tenant tables";
        }
        return null;
    }

    private static boolean exists(Connection owner, String table) {
        try (PreparedStatement p = owner.prepareStatement("select to_regclass(?) is not null")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new MigrationFailed("could not inspect the database: " + e.getMessage(), e);
        }
    }

    private static boolean ran(Connection owner, String changeSetId) throws SQLException {
        return check(owner, "select exists (select 1 from databasechangelog where id = ?)", changeSetId);
    }

    private static boolean check(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, parameter);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static Map<String, String> columns(String... namesAndTypes) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            map.put(namesAndTypes[i], namesAndTypes[i + 1]);
        }
        return map;
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
