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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Moves a database of the earlier single-tenant system, in place, to the multi-tenant schema (SPEC §8).
 *
 * <p>Everything happens in <b>one transaction</b> of the schema owner ({@link SchemaMigrations#inOneTransaction}):
 * record the single-tenant layout in Liquibase's log (the earlier system never had one), give the platform roles the
 * privileges the changelog's first changeset gives on a new database, apply the schema changes up to
 * {@value #MULTI_TENANT_SCHEMA}, move the rows, apply the rest of the changelog (organization columns NOT NULL,
 * composite keys), validate, commit. DDL is transactional in PostgreSQL, so a process killed at any instant (kill -9,
 * an OOM kill, a lost SSH session) leaves the database exactly as it was or completely migrated, never in between;
 * Liquibase's lock row is taken inside that transaction too, so a kill leaves no lock behind.
 *
 * <p>Rows move set-based: the organization columns' foreign keys, unique keys and indexes are dropped while the rows
 * move and recreated from their own definitions (one validating join and one sorted build each instead of a check
 * and a random index insert per row); the messages get their organization as a column default and their roles in the
 * same single table rewrite, not as ten million row updates. The owner sees no rows under forced row-level security,
 * so the transaction lifts FORCE on the tenant tables and puts it back before it commits (nobody else can see
 * the difference: the tables are locked until then).
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

    /**
     * Test hook for killing the command's process at a known instant: with the system property or environment
     * variable {@value #PAUSE_PROPERTY} naming a point ({@code schema-upgrade}, {@code bulk-load},
     * {@code before-constraints}, {@code committed}), the command prints {@code legacy-migration paused at POINT}
     * there and waits.
     */
    static final String PAUSE_PROPERTY = "SUPPORT_AGENT_LEGACY_PAUSE_AT";

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
                if (!changelog || !ran(owner, "tag-single-tenant")) {
                    return DatabaseState.unsupported("the database has an organizations table but no record of this"
                            + " platform's schema changes: it is neither a single-tenant nor a migrated database");
                }
                if (ran(owner, "004-require-organization")) {
                    return DatabaseState.of(Kind.MIGRATED);
                }
                // The organization columns exist and are not required yet: an earlier version of this command
                // (which committed in several steps) was stopped between them.
                return DatabaseState.of(Kind.PARTLY_MIGRATED);
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
            Map<String, Long> statuses = distinct(owner, "conversations", "status");
            Map<String, Long> roles = distinct(owner, "messages", "role");
            return new DatabaseState(
                    Kind.SINGLE_TENANT,
                    null,
                    changelog,
                    new LegacyCounts(
                            count(owner, "stores"),
                            statuses.values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum(),
                            roles.values().stream().mapToLong(Long::longValue).sum()),
                    statuses,
                    roles);
        } catch (SQLException e) {
            return DatabaseState.unsupported("could not inspect the database: " + e.getMessage());
        }
    }

    /** Liquibase's lock left by a killed process, released (see {@link SchemaMigrations#releaseStaleLock}). */
    Optional<String> releaseStaleLock() {
        return migrations.releaseStaleLock();
    }

    /**
     * Migrates a database found {@link Kind#SINGLE_TENANT} (or {@link Kind#PARTLY_MIGRATED}: first put back to the
     * single-tenant layout, in the same transaction), in one transaction. On any failure nothing is changed and
     * {@link MigrationFailed} says why.
     */
    MigrationResult migrate(DatabaseState state, String organizationName, Vocabulary vocabulary) {
        if (state.kind() != Kind.SINGLE_TENANT && state.kind() != Kind.PARTLY_MIGRATED) {
            throw new IllegalStateException("not a single-tenant database: " + state.kind());
        }
        long started = System.nanoTime();
        MigrationResult result;
        try {
            result = migrations.inOneTransaction(session -> {
                Connection owner = session.connection();
                if (state.kind() == Kind.PARTLY_MIGRATED) {
                    repairPartialMigration(owner);
                    session.rollbackToTag(SchemaMigrations.SINGLE_TENANT);
                    log.info("Partly migrated schema put back to {} first", SchemaMigrations.SINGLE_TENANT);
                }
                try (Statement s = owner.createStatement()) {
                    // The earlier system must be stopped; this keeps any straggler from writing while rows move.
                    s.execute("LOCK TABLE stores, conversations, messages IN EXCLUSIVE MODE");
                    s.execute("SET LOCAL maintenance_work_mem = '256MB'");
                }
                JdbcClient tx = JdbcClient.create(new SingleConnectionDataSource(owner, true));
                Map<String, Long> statuses = distinct(owner, "conversations", "status");
                Map<String, Long> roles = distinct(owner, "messages", "role");
                // The counts to keep are the sums of the values found: one scan of each big table, not two.
                LegacyCounts before = new LegacyCounts(
                        tx.sql("SELECT count(*) FROM stores").query(Long.class).single(),
                        statuses.values().stream().mapToLong(Long::longValue).sum(),
                        roles.values().stream().mapToLong(Long::longValue).sum());
                refuseUnknown(statuses, roles, vocabulary);
                if (!state.changelogPresent() && !exists(owner, "databasechangelog")) {
                    session.markAppliedUpToTag(SchemaMigrations.SINGLE_TENANT);
                    log.info("Recorded the single-tenant layout as applied in databasechangelog");
                }
                grantPlatformRoles(owner);
                session.updateToTag("multi-tenant-core");
                pause("schema-upgrade");
                session.updateToTag(MULTI_TENANT_SCHEMA);
                log.info("Schema upgraded to {} in {} ms", MULTI_TENANT_SCHEMA, millisSince(started));
                List<String> forced = forcedTables(owner);
                execute(owner, forced.stream().map(t -> "ALTER TABLE " + t + " NO FORCE ROW LEVEL SECURITY"));
                Dependents dependents = Dependents.of(
                        owner,
                        Map.of(
                                "conversations",
                                List.of("organization_id", "agent_instance_id"),
                                "messages",
                                List.of("organization_id")));
                MigrationResult moved =
                        moveData(owner, tx, organizationName, vocabulary, statuses, roles, before, dependents);
                log.info("Data moved after {} ms", millisSince(started));
                pause("before-constraints");
                // The rest of the changelog first (004's NOT NULL, 111's primary keys), then the keys and indexes the
                // bulk load dropped: a foreign key is validated once, against its final key, and a unique key that
                // 111 made the primary key is not built twice.
                session.update();
                log.info("Remaining schema changes applied after {} ms", millisSince(started));
                dependents.restore(owner);
                log.info("Foreign keys, keys and indexes restored after {} ms", millisSince(started));
                failpoint.accept("schema-completed", tx);
                validate(tx, moved.organizationId(), before);
                execute(owner, forced.stream().map(t -> "ALTER TABLE " + t + " FORCE ROW LEVEL SECURITY"));
                return moved;
            });
        } catch (RuntimeException e) {
            String reason =
                    e instanceof MigrationFailed || e instanceof DatabaseUnavailable ? e.getMessage() : rootMessage(e);
            log.error("Migration failed, rolled back: {}", reason);
            throw new MigrationFailed(
                    reason + "; nothing was changed: the database is as it was (one transaction, rolled back)", e);
        }
        log.info("Committed after {} ms", millisSince(started));
        pause("committed");
        analyze();
        log.info("Migration done in {} ms", millisSince(started));
        return result;
    }

    /** Organizations of a migrated database (platform role: the owner sees none under row-level security). */
    long organizations() {
        return platform.jdbc()
                .sql("SELECT count(*) FROM organizations")
                .query(Long.class)
                .single();
    }

    /**
     * The schema downgrade: back to the single-tenant layout, keeping every store, conversation and message, in one
     * transaction. A database an earlier version of this command left partly migrated is repaired first (the objects
     * the downgrade drops are put back if that version had dropped them), so the downgrade does not stop half-way.
     */
    void rollBack(DatabaseState state) {
        long started = System.nanoTime();
        migrations.inOneTransaction(session -> {
            if (state.kind() == Kind.PARTLY_MIGRATED) {
                repairPartialMigration(session.connection());
            }
            session.rollbackToTag(SchemaMigrations.SINGLE_TENANT);
            return null;
        });
        log.info("Schema rolled back to {} in {} ms", SchemaMigrations.SINGLE_TENANT, millisSince(started));
    }

    private MigrationResult moveData(
            Connection owner,
            JdbcClient tx,
            String organizationName,
            Vocabulary vocabulary,
            Map<String, Long> statuses,
            Map<String, Long> roles,
            LegacyCounts before,
            Dependents dependents)
            throws SQLException {
        long started = System.nanoTime();
        OrganizationId org = OrganizationId.random();
        tx.sql("INSERT INTO organizations (id, name, tier, migrated_at) VALUES (:id, :name, 'enterprise', now())")
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

        dependents.drop(owner);
        log.info("Dropped {} for the bulk load", dependents);

        String[][] statusPairs = Vocabulary.pairs(statuses, vocabulary::status);
        int conversations = tx.sql("""
                        UPDATE conversations c
                           SET organization_id = i.organization_id, agent_instance_id = i.id, status = m.new_status,
                               owner = CASE WHEN m.new_status = 'handed_off' THEN 'human' ELSE 'ai' END,
                               handed_off_at = CASE WHEN m.new_status = 'handed_off' THEN c.updated_at END,
                               resolved_at = CASE WHEN m.new_status = 'resolved' THEN c.updated_at END
                          FROM agent_instances i,
                               unnest(CAST(:olds AS text[]), CAST(:news AS text[])) AS m(old_status, new_status)
                         WHERE i.organization_id = :org AND i.store_id = c.store_id AND m.old_status = c.status
                           AND c.organization_id IS NULL""")
                .param("org", org.value())
                .param("olds", statusPairs[0])
                .param("news", statusPairs[1])
                .update();
        log.info("{} conversations linked to their store's instance, statuses mapped", conversations);
        pause("bulk-load");

        // One rewrite of the messages: the organization as the new column's value for every existing row (a column
        // default, not ten million updates) and the roles in the platform's words.
        StringBuilder rewrite = new StringBuilder("ALTER TABLE messages DROP COLUMN organization_id, ADD COLUMN"
                + " organization_id uuid NOT NULL DEFAULT '" + org.value() + "'");
        if (!Vocabulary.identity(roles, vocabulary::role)) {
            rewrite.append(", ALTER COLUMN role TYPE text USING CASE role");
            roles.keySet()
                    .forEach(old -> rewrite.append(" WHEN ")
                            .append(literal(old))
                            .append(" THEN ")
                            .append(literal(vocabulary.role(old).orElseThrow())));
            rewrite.append(" END");
        }
        execute(owner, Stream.of(rewrite.toString(), "ALTER TABLE messages ALTER COLUMN organization_id DROP DEFAULT"));
        int messages =
                tx.sql("SELECT count(*) FROM messages").query(Integer.class).single();
        log.info("{} messages assigned, roles mapped", messages);
        failpoint.accept("messages-assigned", tx);

        // History, never billed: every month's conversations of the earlier system (UTC, the organization's billing
        // time zone) as migrated conversations, without usage events; the billable count starts at zero and the
        // migration month is billed from the migration on.
        int months = tx.sql("""
                        INSERT INTO conversation_usage (organization_id, period_start, conversations, migrated_conversations)
                        SELECT :org, CAST(date_trunc('month', created_at AT TIME ZONE 'UTC') AS date), 0, count(*)
                          FROM conversations
                         WHERE organization_id = :org AND livemode
                         GROUP BY 2""").param("org", org.value()).update();
        log.info("Usage history backfilled for {} months", months);

        IssuedKey live = apiKeys.issueWith(tx, org, true, LIVE_KEY_NAME);
        IssuedKey test = apiKeys.issueWith(tx, org, false, TEST_KEY_NAME);
        log.info(
                "Live and test API keys issued ({}, {})",
                live.key().displayPrefix(),
                test.key().displayPrefix());
        failpoint.accept("keys-issued", tx);
        log.info("Data moved in {} ms", millisSince(started));
        return new MigrationResult(org, organizationName, before, instances, months, live, test);
    }

    private static void refuseUnknown(Map<String, Long> statuses, Map<String, Long> roles, Vocabulary vocabulary) {
        List<String> unknown = new ArrayList<>();
        statuses.forEach((v, n) -> {
            if (vocabulary.status(v).isEmpty()) {
                unknown.add("status '" + v + "' (" + n + " conversations): map it with --map-status " + v + "=NEW");
            }
        });
        roles.forEach((v, n) -> {
            if (vocabulary.role(v).isEmpty()) {
                unknown.add("role '" + v + "' (" + n + " messages): map it with --map-role " + v + "=NEW");
            }
        });
        if (!unknown.isEmpty()) {
            throw new MigrationFailed("unknown " + String.join("; ", unknown));
        }
    }

    private static List<String> forcedTables(Connection owner) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = owner.createStatement();
                ResultSet rs = s.executeQuery("select c.oid::regclass::text from pg_class c where c.relkind = 'r'"
                        + " and c.relforcerowsecurity and c.relnamespace = 'public'::regnamespace order by 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /**
     * An earlier version of this command committed its steps one by one and dropped the organization columns'
     * foreign keys and indexes during its bulk update; stopped in between, they are missing and the downgrade (which
     * drops them by name) failed. Put back whatever of them is missing: empty indexes and unvalidated keys do, since
     * the downgrade drops them right after.
     */
    private static void repairPartialMigration(Connection owner) throws SQLException {
        List<String> repairs = new ArrayList<>();
        for (String[] index : new String[][] {
            {"conversations_organization_store_created_idx", "conversations"},
            {"conversations_organization_created_idx", "conversations"},
            {"conversations_organization_instance_idx", "conversations"},
            {"messages_organization_conversation_idx", "messages"}
        }) {
            repairs.add(
                    "CREATE INDEX IF NOT EXISTS " + index[0] + " ON " + index[1] + " (organization_id) WHERE false");
        }
        for (String[] fk : new String[][] {
            {
                "conversations",
                "conversations_store_fkey",
                "(organization_id, store_id) REFERENCES stores (organization_id, id)"
            },
            {
                "conversations",
                "conversations_agent_instance_fkey",
                "(organization_id, agent_instance_id) REFERENCES agent_instances (organization_id, id)"
            },
            {
                "messages",
                "messages_conversation_fkey",
                "(organization_id, conversation_id) REFERENCES conversations (organization_id, id)"
            }
        }) {
            if (!check(owner, "select exists (select 1 from pg_constraint where conname = ?)", fk[1])) {
                repairs.add("ALTER TABLE " + fk[0] + " ADD CONSTRAINT " + fk[1] + " FOREIGN KEY " + fk[2]
                        + " ON DELETE CASCADE NOT VALID");
            }
        }
        execute(owner, repairs.stream());
        log.info("Checked the partly migrated schema's keys and indexes ({} statements)", repairs.size());
    }

    private static void execute(Connection owner, Stream<String> statements) throws SQLException {
        try (Statement s = owner.createStatement()) {
            for (String sql : (Iterable<String>) statements::iterator) {
                s.execute(sql);
            }
        }
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static void pause(String point) {
        String at = System.getProperty(PAUSE_PROPERTY, System.getenv(PAUSE_PROPERTY));
        if (point.equals(at)) {
            System.out.println("legacy-migration paused at " + point);
            System.out.flush();
            try {
                Thread.sleep(Duration.ofHours(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Map<String, Long> distinct(Connection owner, String table, String column) throws SQLException {
        Map<String, Long> values = new TreeMap<>();
        try (Statement s = owner.createStatement();
                ResultSet rs =
                        s.executeQuery("select " + column + ", count(*) from " + table + " group by 1 order by 1")) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        return values;
    }

    private static void validate(JdbcClient tx, OrganizationId org, LegacyCounts before) {
        Map<String, Object> v = tx.sql("""
                        SELECT s.stores, s.unassigned_stores, c.conversations, c.unlinked, m.messages, m.unassigned_messages,
                               (SELECT count(DISTINCT store_id) FROM agent_instances WHERE organization_id = :org) AS instance_stores
                          FROM (SELECT count(*) AS stores,
                                       count(*) FILTER (WHERE organization_id IS DISTINCT FROM :org) AS unassigned_stores
                                  FROM stores) s,
                               (SELECT count(*) AS conversations,
                                       count(*) FILTER (WHERE agent_instance_id IS NULL
                                                           OR organization_id IS DISTINCT FROM :org) AS unlinked
                                  FROM conversations) c,
                               (SELECT count(*) AS messages,
                                       count(*) FILTER (WHERE organization_id IS DISTINCT FROM :org) AS unassigned_messages
                                  FROM messages) m""").param("org", org.value()).query().singleRow();
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
     * on, and on the three tables the earlier system made before. Only what is missing is granted (in the
     * migration's transaction: a failure takes them back with everything else).
     */
    private void grantPlatformRoles(Connection owner) throws SQLException {
        try (Statement s = owner.createStatement()) {
            for (String role : List.of(settings.appRole(), settings.platformRole())) {
                if (!defaultPrivilegesFor(owner, role, "r")) {
                    s.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE"
                            + " ON TABLES TO " + role);
                }
                if (!defaultPrivilegesFor(owner, role, "S")) {
                    s.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO " + role);
                }
                if (!check(owner, "select has_schema_privilege(?, 'public', 'USAGE')", role)) {
                    s.execute("GRANT USAGE ON SCHEMA public TO " + role);
                }
                for (String table : TABLES) {
                    for (String privilege : List.of("SELECT", "INSERT", "UPDATE", "DELETE")) {
                        if (!check(
                                owner, "select has_table_privilege(?, '" + table + "', '" + privilege + "')", role)) {
                            s.execute("GRANT " + privilege + " ON " + table + " TO " + role);
                        }
                    }
                }
            }
        }
        log.info(
                "Privileges of {} and {} on the single-tenant tables in place",
                settings.appRole(),
                settings.platformRole());
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

    /**
     * The foreign keys, unique keys, indexes and row-level security policies on the columns the bulk load writes
     * (and the foreign keys that reference those keys), dropped while the rows move and recreated from their own
     * definitions afterwards, in the same transaction.
     */
    private record Dependents(
            List<String[]> foreignKeys, List<String[]> keys, List<String> indexes, List<String[]> policies) {

        static Dependents of(Connection owner, Map<String, List<String>> columns) throws SQLException {
            List<String[]> foreignKeys = new ArrayList<>();
            List<String[]> keys = new ArrayList<>();
            List<String> indexes = new ArrayList<>();
            List<String[]> policies = new ArrayList<>();
            for (var entry : columns.entrySet()) {
                String table = entry.getKey();
                String cols = entry.getValue().stream().map(c -> "'" + c + "'").collect(Collectors.joining(","));
                String onColumns = "exists (select 1 from pg_attribute a where a.attrelid = %s and a.attnum = any (%s)"
                        + " and a.attname in (" + cols + "))";
                try (Statement s = owner.createStatement()) {
                    try (ResultSet rs = s.executeQuery("select c.contype, c.conrelid::regclass::text, c.conname,"
                            + " pg_get_constraintdef(c.oid) from pg_constraint c"
                            + " where c.conrelid = '" + table + "'::regclass and c.contype in ('f', 'u', 'p')"
                            + " and " + onColumns.formatted("c.conrelid", "c.conkey")
                            + " union all select c.contype, c.conrelid::regclass::text, c.conname,"
                            + " pg_get_constraintdef(c.oid) from pg_constraint c"
                            + " where c.contype = 'f' and c.confrelid = '" + table + "'::regclass"
                            + " and c.conrelid <> c.confrelid and " + onColumns.formatted("c.confrelid", "c.confkey")
                            + " order by 1 desc, 2, 3")) {
                        while (rs.next()) {
                            String[] row = {rs.getString(2), rs.getString(3), rs.getString(4)};
                            if (rs.getString(1).equals("f")) {
                                foreignKeys.add(row);
                            } else {
                                keys.add(row);
                            }
                        }
                    }
                    try (ResultSet rs =
                            s.executeQuery("select pg_get_indexdef(i.indexrelid), i.indexrelid::regclass::text"
                                    + " from pg_index i where i.indrelid = '" + table + "'::regclass"
                                    + " and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)"
                                    + " and " + onColumns.formatted("i.indrelid", "i.indkey") + " order by 2")) {
                        while (rs.next()) {
                            indexes.add(rs.getString(1));
                        }
                    }
                    try (ResultSet rs =
                            s.executeQuery("select policyname, permissive, cmd, array_to_string(roles, ', '),"
                                    + " qual, with_check from pg_policies where schemaname = 'public' and tablename = '"
                                    + table
                                    + "' order by 1")) {
                        while (rs.next()) {
                            StringBuilder create = new StringBuilder("CREATE POLICY " + rs.getString(1) + " ON " + table
                                    + " AS " + rs.getString(2) + " FOR " + rs.getString(3) + " TO " + rs.getString(4));
                            if (rs.getString(5) != null) {
                                create.append(" USING (")
                                        .append(rs.getString(5))
                                        .append(')');
                            }
                            if (rs.getString(6) != null) {
                                create.append(" WITH CHECK (")
                                        .append(rs.getString(6))
                                        .append(')');
                            }
                            policies.add(new String[] {table, rs.getString(1), create.toString()});
                        }
                    }
                }
            }
            return new Dependents(distinctRows(foreignKeys), distinctRows(keys), indexes, policies);
        }

        private static List<String[]> distinctRows(List<String[]> rows) {
            Map<String, String[]> byName = new LinkedHashMap<>();
            rows.forEach(r -> byName.putIfAbsent(r[0] + "." + r[1], r));
            return new ArrayList<>(byName.values());
        }

        void drop(Connection owner) throws SQLException {
            List<String> sql = new ArrayList<>();
            foreignKeys.forEach(f -> sql.add("ALTER TABLE " + f[0] + " DROP CONSTRAINT " + f[1]));
            keys.forEach(k -> sql.add("ALTER TABLE " + k[0] + " DROP CONSTRAINT " + k[1]));
            indexes.forEach(
                    i -> sql.add("DROP INDEX " + i.replaceFirst("^CREATE (UNIQUE )?INDEX (\\S+) ON .*$", "$2")));
            policies.forEach(p -> sql.add("DROP POLICY " + p[1] + " ON " + p[0]));
            execute(owner, sql.stream());
        }

        /**
         * Recreates what {@link #drop} dropped, except a unique key whose columns are now another key's (changeset 111
         * turns the unique key (organization_id, id) into the primary key) and what exists again by its name.
         */
        void restore(Connection owner) throws SQLException {
            List<String> sql = new ArrayList<>();
            for (String index : indexes) {
                String name = index.replaceFirst("^CREATE (UNIQUE )?INDEX (\\S+) ON .*$", "$2");
                if (!check(owner, "select to_regclass(?) is not null", name)) {
                    sql.add(index);
                }
            }
            for (String[] k : keys) {
                boolean covered = check(
                        owner,
                        "select exists (select 1 from pg_constraint c where c.conrelid = '" + k[0] + "'::regclass"
                                + " and c.contype in ('p', 'u') and regexp_replace(pg_get_constraintdef(c.oid),"
                                + " '^(PRIMARY KEY|UNIQUE) ', '') = regexp_replace(?, '^(PRIMARY KEY|UNIQUE) ', ''))",
                        k[2]);
                if (!covered) {
                    sql.add("ALTER TABLE " + k[0] + " ADD CONSTRAINT " + k[1] + " " + k[2]);
                }
            }
            for (String[] f : foreignKeys) {
                if (!check(owner, "select exists (select 1 from pg_constraint where conname = ?)", f[1])) {
                    sql.add("ALTER TABLE " + f[0] + " ADD CONSTRAINT " + f[1] + " " + f[2]);
                }
            }
            for (String[] p : policies) {
                if (!check(
                        owner,
                        "select exists (select 1 from pg_policies where tablename = '" + p[0] + "' and policyname = ?)",
                        p[1])) {
                    sql.add(p[2]);
                }
            }
            execute(owner, sql.stream());
        }

        @Override
        public String toString() {
            return foreignKeys.size() + " foreign keys, " + keys.size() + " keys, " + indexes.size() + " indexes and "
                    + policies.size() + " policies";
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

    private static long count(Connection owner, String table) throws SQLException {
        try (Statement s = owner.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
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
