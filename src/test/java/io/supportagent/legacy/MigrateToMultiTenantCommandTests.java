package io.supportagent.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.SupportAgentApplication;
import io.supportagent.agents.AgentInstance;
import io.supportagent.agents.AgentService;
import io.supportagent.cli.Cli;
import io.supportagent.conversations.Conversation;
import io.supportagent.conversations.ConversationService;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.db.DatabaseSettings;
import io.supportagent.platform.db.DatabaseUrl;
import io.supportagent.platform.db.SchemaMigrations;
import io.supportagent.support.Http;
import io.supportagent.tenancy.Store;
import io.supportagent.tenancy.TenancyService;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** The command run as an operator runs it, through the command line, on generated single-tenant databases. */
@ExtendWith(OutputCaptureExtension.class)
class MigrateToMultiTenantCommandTests {

    private static final Pattern LIVE_KEY = Pattern.compile("live key: (sk_live_\\w+)");
    private static final Pattern TEST_KEY = Pattern.compile("test key: (sk_test_\\w+)");

    private final InputStream stdin = System.in;

    @AfterEach
    void restore() {
        System.setIn(stdin);
        LegacyMigration.failpoint = (step, tx) -> {};
    }

    @Test
    void dryRunShowsThePlanAndChangesNothing(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(3, 60, 4, 8);
        String before = db.fingerprint();

        int status = migrate(db, "--dry-run");

        assertThat(status).isZero();
        assertThat(output.getOut())
                .contains("stores:         3")
                .contains("conversations:  60")
                .contains("messages:       240")
                .contains("\"Auresta\" (enterprise tier)")
                .contains("Dry run: nothing was changed.");
        assertThat(db.fingerprint()).isEqualTo(before);
    }

    @Test
    void migratesEveryStoreConversationAndMessageIntoTheNewOrganization(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(4, 200, 5, 14);
        Map<String, String> legacy = db.legacyChecksums();

        int status = migrate(db, "--yes", "--org-name", "Auresta");

        assertThat(status).as(output.getAll()).isZero();
        assertThat(db.text("SELECT name || ' ' || tier FROM organizations")).isEqualTo("Auresta enterprise");
        String org = db.text("SELECT id::text FROM organizations");
        assertThat(db.count("SELECT count(*) FROM stores WHERE organization_id = '" + org + "'"))
                .isEqualTo(4);
        assertThat(db.count("SELECT count(DISTINCT store_id) FROM agent_instances WHERE public_key LIKE 'pk_widget_%'"))
                .isEqualTo(4);
        assertThat(db.count("""
                        SELECT count(*) FROM conversations c JOIN agent_instances i ON i.id = c.agent_instance_id
                         WHERE i.store_id = c.store_id AND c.organization_id = i.organization_id""")).isEqualTo(200);
        assertThat(db.count("SELECT count(*) FROM messages WHERE organization_id = '" + org + "'"))
                .isEqualTo(1000);
        assertThat(db.text("SELECT version FROM agent_definitions WHERE type = 'customer_service'"))
                .isEqualTo("1.0.0");
        assertThat(db.text("SELECT string_agg(mode, ',' ORDER BY mode) FROM organization_api_keys"))
                .isEqualTo("live,test");
        // Usage history: one row per UTC month with conversations, summing to all of them, none of them billable
        // (the billable count starts at zero) and none in the usage ledger.
        assertThat(db.count("SELECT sum(migrated_conversations) FROM conversation_usage"))
                .isEqualTo(200);
        assertThat(db.count("SELECT sum(conversations) FROM conversation_usage"))
                .isZero();
        assertThat(db.count("SELECT count(*) FROM usage_events")).isZero();
        assertThat(db.text("SELECT migrated_at IS NOT NULL FROM organizations")).isEqualTo("t");
        assertThat(db.count("SELECT count(*) FROM conversation_usage"))
                .isEqualTo(db.count("SELECT count(DISTINCT date_trunc('month', created_at AT TIME ZONE 'UTC'))"
                        + " FROM conversations"))
                .isGreaterThan(10);
        // The rest of the changelog ran: every row must belong to an organization from now on.
        assertThat(db.text("SELECT is_nullable FROM information_schema.columns"
                        + " WHERE table_name = 'messages' AND column_name = 'organization_id'"))
                .isEqualTo("NO");
        assertThat(db.legacyChecksums()).isEqualTo(legacy);
        assertThat(db.count("SELECT count(*) FROM alembic_version")).isEqualTo(1);
    }

    @Test
    void printsTheKeysOnceAndNeverLogsThem(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(2, 20, 2, 3);

        assertThat(migrate(db, "--yes")).isZero();

        String all = output.getAll();
        String live = find(LIVE_KEY, all);
        String test = find(TEST_KEY, all);
        // The log is on the same console: progress lines are there, the keys only on their one printed line.
        assertThat(all).contains("agent instances created with their widget keys");
        assertThat(occurrences(all, live)).isEqualTo(1);
        assertThat(occurrences(all, test)).isEqualTo(1);
        assertThat(all).contains("widget keys:      2 agent instances");
        String widgetKey = db.text("SELECT public_key FROM agent_instances LIMIT 1");
        assertThat(all).doesNotContain(widgetKey);
    }

    @Test
    void secondRunFindsTheDatabaseMigratedAndChangesNothing(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(2, 30, 3, 4);
        assertThat(migrate(db, "--yes")).isZero();
        String migrated = db.fingerprint();

        int status = migrate(db, "--yes");

        assertThat(status).isZero();
        assertThat(output.getOut()).contains("already migrated, nothing to do");
        assertThat(db.fingerprint()).isEqualTo(migrated);
        assertThat(db.count("SELECT count(*) FROM organizations")).isEqualTo(1);
    }

    @Test
    void aFailureAfterTheInstancesAreCreatedLeavesTheDatabaseExactlyAsItWas(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(3, 90, 3, 6);
        String before = db.fingerprint();
        LegacyMigration.failpoint = (step, tx) -> {
            if (step.equals("instances-created")) {
                throw new IllegalStateException("forced failure after the agent instances");
            }
        };

        int status = migrate(db, "--yes");

        assertThat(status).isEqualTo(1);
        assertThat(output.getErr())
                .contains("forced failure after the agent instances")
                .contains("nothing was changed: the database is as it was");
        assertThat(db.fingerprint()).isEqualTo(before);
    }

    @Test
    void aFailedValidationRollsBackToo(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(2, 40, 2, 4);
        String before = db.fingerprint();
        // A conversation that loses its instance link just before validation: the check must catch it.
        LegacyMigration.failpoint = (step, tx) -> {
            if (step.equals("keys-issued")) {
                tx.sql(
                                "UPDATE conversations SET agent_instance_id = NULL WHERE id = (SELECT id FROM conversations ORDER BY id LIMIT 1)")
                        .update();
            }
        };

        assertThat(migrate(db, "--yes")).isEqualTo(1);

        // The remaining changesets' NOT NULL catches it first; either way the transaction rolls back.
        assertThat(output.getErr()).contains("agent_instance_id").contains("nothing was changed");
        assertThat(db.fingerprint()).isEqualTo(before);
    }

    /** The keys, indexes and policies the bulk load drops and recreates come back exactly as a new database has them. */
    @Test
    void theMigratedSchemaIsTheSchemaOfANewDatabase(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(2, 30, 2, 3);
        assertThat(migrate(db, "--yes")).as(output.getAll()).isZero();
        LegacyDatabase fresh = LegacyDatabase.empty();
        MigrationCrashTests.schema(fresh).update();

        assertThat(catalog(db)).isEqualTo(catalog(fresh));
    }

    @Test
    void statusesAndRolesAreMappedAndAnUnknownOneStopsTheRunUntilItIsMapped(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(2, 40, 2, 3);
        db.execute("UPDATE conversations SET status = 'waiting' WHERE id IN"
                + " (SELECT id FROM conversations WHERE status = 'open' LIMIT 3); UPDATE messages SET role = 'operator'"
                + " WHERE id IN (SELECT id FROM messages WHERE role = 'assistant' LIMIT 2)");
        String before = db.fingerprint();

        assertThat(migrate(db, "--dry-run")).isEqualTo(1);
        assertThat(output.getOut())
                .containsPattern("waiting +3  -> \\?\\?\\?")
                .containsPattern("escalated +8  -> handed_off \\(owner: human\\)")
                .containsPattern("user +40  -> customer")
                .containsPattern("operator +2  -> \\?\\?\\?");
        assertThat(migrate(db, "--yes")).isEqualTo(1);
        assertThat(output.getErr()).contains("map each with --map-status OLD=NEW or --map-role OLD=NEW");
        assertThat(migrate(db, "--yes", "--map-status", "waiting=bogus")).isEqualTo(2);
        assertThat(db.fingerprint()).isEqualTo(before);

        assertThat(migrate(db, "--yes", "--map-status", "waiting=open", "--map-role", "operator=human_agent"))
                .as(output.getAll())
                .isZero();
        assertThat(db.text("SELECT string_agg(DISTINCT status, ',' ORDER BY status) FROM conversations"))
                .isEqualTo("handed_off,open,resolved");
        assertThat(db.text("SELECT string_agg(DISTINCT role, ',' ORDER BY role) FROM messages"))
                .isEqualTo("agent,customer,human_agent");
        assertThat(db.count("SELECT count(*) FROM conversations WHERE status = 'handed_off'"
                        + " AND (owner <> 'human' OR handed_off_at IS NULL)"))
                .isZero();
        assertThat(db.count("SELECT count(*) FROM conversations WHERE owner = 'human'"))
                .isEqualTo(16);
        assertThat(db.count("SELECT count(*) FROM conversations WHERE status = 'resolved' AND resolved_at IS NULL"))
                .isZero();
    }

    @Test
    void rollingTheSchemaBackRestoresTheSingleTenantLayoutWithEveryRow(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(5, 150, 4, 12);
        Map<String, String> before = db.legacyChecksums();
        String columnsBefore = columns(db);
        assertThat(migrate(db, "--yes")).as(output.getAll()).isZero();

        assertThat(migrate(db, "--rollback", "--yes")).as(output.getAll()).isZero();

        assertThat(output.getOut()).contains("Rolled back to the single-tenant layout.");
        assertThat(db.legacyChecksums()).isEqualTo(before);
        assertThat(columns(db)).isEqualTo(columnsBefore);
        assertThat(db.count("SELECT count(*) FROM pg_tables WHERE tablename = 'organizations'"))
                .isZero();
        // And it can be migrated again from there.
        assertThat(migrate(db, "--yes")).as(output.getAll()).isZero();
        assertThat(db.count("SELECT count(*) FROM conversations WHERE agent_instance_id IS NOT NULL"))
                .isEqualTo(150);
    }

    @Test
    void theSchemaDowngradeAloneKeepsEveryRow(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(3, 90, 3, 6);
        Map<String, String> before = db.legacyChecksums();
        assertThat(migrate(db, "--yes")).as(output.getAll()).isZero();

        schema(db).rollbackToTag(SchemaMigrations.SINGLE_TENANT);

        assertThat(db.legacyChecksums()).isEqualTo(before);
    }

    @Test
    void refusesToRollBackADatabaseWithSeveralOrganizations(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(1, 5, 1, 2);
        assertThat(migrate(db, "--yes")).isZero();
        db.execute("INSERT INTO organizations (name, tier) VALUES ('Second', 'basic')");
        String migrated = db.fingerprint();

        assertThat(migrate(db, "--rollback", "--yes")).isEqualTo(1);

        assertThat(output.getErr()).contains("the database holds 2 organizations");
        assertThat(db.fingerprint()).isEqualTo(migrated);
    }

    @Test
    void answeringNoOrNothingAbortsWithoutChanges(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(2, 10, 2, 2);
        String before = db.fingerprint();

        System.setIn(new ByteArrayInputStream("n\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(migrate(db)).isEqualTo(1);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        assertThat(migrate(db)).isEqualTo(1);

        assertThat(output.getOut()).contains("Migrate this database? [y/N]").contains("Aborted: nothing was changed.");
        assertThat(db.fingerprint()).isEqualTo(before);
    }

    @Test
    void answeringYesMigrates(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(1, 5, 2, 2);
        System.setIn(new ByteArrayInputStream("yes\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(migrate(db)).isZero();

        assertThat(db.count("SELECT count(*) FROM conversations WHERE agent_instance_id IS NOT NULL"))
                .isEqualTo(5);
    }

    @Test
    void refusesADatabaseThatIsNeitherSingleTenantNorMigrated(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.empty();
        db.execute("CREATE TABLE customers (id uuid PRIMARY KEY)");
        String before = db.fingerprint();

        assertThat(migrate(db, "--yes")).isEqualTo(1);

        assertThat(output.getErr())
                .contains("error: no stores, conversations or messages tables: this is not a single-tenant database")
                .contains("nothing was changed");
        assertThat(db.fingerprint()).isEqualTo(before);
    }

    @Test
    void refusesADatabaseWithATableMissing(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(2, 10, 2, 2);
        db.execute("DROP TABLE messages");
        String before = db.fingerprint();

        assertThat(migrate(db, "--yes")).isEqualTo(1);

        assertThat(output.getErr()).contains("error: table messages is missing");
        assertThat(db.fingerprint()).isEqualTo(before);
    }

    @Test
    void refusesAnUnknownLayout(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(1, 2, 1, 1);
        db.execute("ALTER TABLE messages RENAME COLUMN content TO body");
        String before = db.fingerprint();

        assertThat(migrate(db, "--yes")).isEqualTo(1);

        assertThat(output.getErr()).contains("table messages has no column content");
        assertThat(db.fingerprint()).isEqualTo(before);
    }

    @Test
    void refusesAnUnreachableOrMalformedUrlWithOneClearLine(CapturedOutput output) {
        int unreachable = Cli.run(SupportAgentApplication.class, new String[] {
            "migrate-to-multi-tenant", "--yes", "--database-url", "postgres://postgres@127.0.0.1:1/nowhere"
        });
        int malformed = Cli.run(
                SupportAgentApplication.class,
                new String[] {"migrate-to-multi-tenant", "--yes", "--database-url=mysql://localhost/db"});

        assertThat(unreachable).isEqualTo(1);
        assertThat(malformed).isEqualTo(1);
        assertThat(output.getErr())
                .contains("error: cannot connect to postgres://postgres@127.0.0.1:1/nowhere")
                .contains("error: DATABASE_URL must start with postgres://");
    }

    @Test
    void serveRefusesASingleTenantDatabaseAndLeavesItAlone(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(1, 3, 1, 1);
        String before = db.fingerprint();

        int status = Cli.run(SupportAgentApplication.class, new String[] {
            "serve", "--support-agent.database.url=" + db.url, "--server.port=0", "--support-agent.demo.enabled=false"
        });

        assertThat(status).isEqualTo(1);
        assertThat(output.getErr())
                .contains("error: this database holds the earlier single-tenant layout")
                .contains("run the migrate-to-multi-tenant command first");
        assertThat(db.fingerprint()).isEqualTo(before);
    }

    @Test
    void thePrintedLiveKeyOpensTheApiAndEachWidgetKeyItsStoresInstance(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(3, 30, 2, 3);
        assertThat(migrate(db, "--yes")).isZero();
        String live = find(LIVE_KEY, output.getOut());
        Map<String, String> widgetKeys = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(db.url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT store_id::text, public_key FROM agent_instances")) {
            while (rs.next()) {
                widgetKeys.put(rs.getString(2), rs.getString(1));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SupportAgentApplication.class)
                .run(
                        "--support-agent.database.url=" + db.url,
                        "--server.port=0",
                        "--support-agent.demo.enabled=false",
                        "--support-agent.api-keys.bcrypt-cost=4")) {
            int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            var organization = Http.on(port).bearer(live).get("/v1/organization");
            assertThat(organization.status()).as(organization.body()).isEqualTo(200);
            assertThat(organization.json().get("name").asText()).isEqualTo("Auresta");
            assertThat(organization.json().get("tier").asText()).isEqualTo("enterprise");
            // The earlier system's conversations are usage history, not counted, not billed, not in the ledger.
            var current = Http.on(port).bearer(live).get("/v1/usage");
            var history = Http.on(port).bearer(live).get("/v1/usage/history?limit=100");
            assertThat(history.status()).as(history.body()).isEqualTo(200);
            int migratedHistory = current.json().get("migrated_conversations").asInt();
            int counted = current.json().get("conversations").asInt();
            for (var period : history.json().get("data")) {
                migratedHistory += period.get("migrated_conversations").asInt();
                counted += period.get("conversations").asInt();
                assertThat(period.get("overage_cost_cents").asLong()).isZero();
            }
            assertThat(migratedHistory).isEqualTo(30);
            assertThat(counted).isZero();
            var events = Http.on(port).bearer(live).get("/v1/usage/events");
            assertThat(events.status()).as(events.body()).isEqualTo(200);
            assertThat(events.json().get("data")).isEmpty();

            AgentService agents = app.getBean(AgentService.class);
            assertThat(widgetKeys).hasSize(3);
            widgetKeys.forEach((key, store) -> {
                Optional<AgentInstance> instance = agents.resolveWidgetKey(key);
                assertThat(instance).isPresent();
                assertThat(instance.get().storeId().toString()).isEqualTo(store);
            });

            // The request role, under row-level security, sees and extends the migrated rows.
            Tenant tenant = Tenant.live(
                    OrganizationId.parse(organization.json().get("id").asText()));
            TenancyService tenancy = app.getBean(TenancyService.class);
            ConversationService conversations = app.getBean(ConversationService.class);
            TenantContext.runAs(tenant, () -> {
                List<Store> stores = tenancy.stores(100, null);
                assertThat(stores).hasSize(3);
                int migrated = stores.stream()
                        .mapToInt(store ->
                                conversations.latestOfStore(store.id(), 100).size())
                        .sum();
                assertThat(migrated).isEqualTo(30);
                Store store = stores.getFirst();
                Conversation first = conversations.latestOfStore(store.id(), 1).getFirst();
                assertThat(conversations.messagesOf(first)).hasSize(2);
                AgentInstance instance = agents.instancesOfStore(store.id()).getFirst();
                Conversation started = conversations.start(instance.id(), "New", "new@example.com");
                conversations.addMessage(started.id(), "user", "Hello after the migration", "[]");
                assertThat(conversations.messagesOf(started)).hasSize(1);
            });
        }
    }

    private static int migrate(LegacyDatabase db, String... options) {
        String[] args = Stream.concat(
                        Stream.of("migrate-to-multi-tenant", "--database-url", db.url),
                        Stream.concat(Stream.of(options), Stream.of("--support-agent.api-keys.bcrypt-cost=4")))
                .toArray(String[]::new);
        return Cli.run(SupportAgentApplication.class, args);
    }

    private static SchemaMigrations schema(LegacyDatabase db) {
        DatabaseSettings settings = new DatabaseSettings(
                db.url, null, 0, "support_agent_app", null, "support_agent_platform", null, 2, true, false);
        return new SchemaMigrations(DatabaseUrl.parse(db.url), settings);
    }

    private static String catalog(LegacyDatabase db) {
        return db.text("""
                SELECT string_agg(x, E'\\n' ORDER BY x) FROM (
                  SELECT 'relation ' || c.relname || ' ' || c.relkind::text || ' rls=' || c.relrowsecurity
                         || ' force=' || c.relforcerowsecurity
                    FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relname NOT LIKE 'alembic%'
                  UNION ALL
                  SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable
                         || ' default=' || coalesce(column_default, '')
                    FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'alembic_version'
                  UNION ALL
                  SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'alembic_version'
                  UNION ALL
                  SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                         || ' valid=' || convalidated
                    FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conname NOT LIKE 'alembic%'
                  UNION ALL
                  SELECT 'policy ' || tablename || ' ' || policyname || ' ' || permissive || ' ' || cmd || ' '
                         || roles::text || ' ' || coalesce(qual, '') || ' ' || coalesce(with_check, '')
                    FROM pg_policies WHERE schemaname = 'public'
                ) s(x)""");
    }

    private static String columns(LegacyDatabase db) {
        return db.text("""
                SELECT string_agg(table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable, ','
                                  ORDER BY table_name, column_name)
                  FROM information_schema.columns
                 WHERE table_schema = 'public' AND table_name IN ('stores', 'conversations', 'messages')""");
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("no match for " + pattern + " in output").isTrue();
        return m.group(1);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
