package io.supportagent.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.supportagent.SupportAgentApplication;
import io.supportagent.cli.Cli;
import io.supportagent.platform.db.DatabaseSettings;
import io.supportagent.platform.db.DatabaseUrl;
import io.supportagent.platform.db.SchemaMigrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The command killed with SIGKILL (as a deploy, an OOM kill or a lost SSH session would) in a separate process, at
 * named points of its run; then the database is checked, rolled back, and migrated again. Killed before the commit,
 * the database is exactly as it was; after it, completely migrated.
 */
@ExtendWith(OutputCaptureExtension.class)
class MigrationCrashTests {

    @TempDir
    Path temp;

    Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"schema-upgrade", "bulk-load", "before-constraints", "committed"})
    void killedAtAnyPointTheDatabaseIsAsItWasOrMigratedAndBothWaysOnWork(String point, CapturedOutput output)
            throws Exception {
        LegacyDatabase db = LegacyDatabase.singleTenant(4, 240, 3, 5);
        String before = db.fingerprint();
        Map<String, String> rows = db.legacyChecksums();

        killAt(db, point);

        if (point.equals("committed")) {
            assertMigrated(db, 4, 240, 720);
        } else {
            assertThat(db.fingerprint())
                    .as("killed at %s: nothing changed", point)
                    .isEqualTo(before);
        }
        // Both ways on from there: back to the single-tenant layout with every row, and migrated again.
        assertThat(migrate(db, "--rollback", "--yes")).as(output.getAll()).isZero();
        assertThat(db.count("SELECT count(*) FROM pg_tables WHERE tablename = 'organizations'"))
                .isZero();
        assertThat(db.legacyChecksums()).isEqualTo(rows);
        assertThat(migrate(db, "--yes")).as(output.getAll()).isZero();
        assertMigrated(db, 4, 240, 720);
        assertThat(db.legacyChecksums()).isEqualTo(rows);
    }

    @Test
    void aStaleLiquibaseLockOfAKilledProcessIsReleasedAndSaidSo(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(2, 20, 2, 2);
        assertThat(migrate(db, "--yes")).isZero();
        db.execute("UPDATE databasechangeloglock SET locked = true, lockedby = 'deploy-7 (10.0.0.7)',"
                + " lockgranted = now() - interval '5 minutes' WHERE id = 1");

        assertThat(migrate(db, "--rollback", "--yes")).as(output.getAll()).isZero();

        assertThat(output.getOut())
                .contains("released a stale Liquibase lock (held by deploy-7 (10.0.0.7) since")
                .contains("Rolled back to the single-tenant layout.");
        assertThat(db.text("SELECT locked::text FROM databasechangeloglock")).isEqualTo("false");
    }

    /**
     * What the earlier version of the command left when killed during its bulk update (issue 17): the schema at
     * multi-tenant-schema, no organization, rows unassigned, and the organization columns' keys and indexes dropped.
     * Both the rollback and a re-run get through it.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aDatabaseLeftHalfMigratedByTheEarlierVersionIsRolledBackOrFinished(boolean rollBack, CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(3, 90, 2, 4);
        Map<String, String> rows = db.legacyChecksums();
        SchemaMigrations schema = schema(db);
        schema.markAppliedUpToTag(SchemaMigrations.SINGLE_TENANT);
        schema.updateToTag(LegacyMigration.MULTI_TENANT_SCHEMA);
        db.execute(
                "DROP INDEX messages_organization_conversation_idx; DROP INDEX conversations_organization_created_idx;"
                        + " ALTER TABLE messages DROP CONSTRAINT messages_conversation_fkey;"
                        + " ALTER TABLE conversations DROP CONSTRAINT conversations_store_fkey");

        if (rollBack) {
            assertThat(migrate(db, "--rollback", "--yes")).as(output.getAll()).isZero();
            assertThat(db.count("SELECT count(*) FROM pg_tables WHERE tablename = 'organizations'"))
                    .isZero();
        } else {
            assertThat(migrate(db, "--yes")).as(output.getAll()).isZero();
            assertThat(output.getOut()).contains("left partly migrated by an earlier version");
            assertMigrated(db, 3, 90, 180);
        }
        assertThat(db.legacyChecksums()).isEqualTo(rows);
    }

    /** Started on such a database, the server says what to run instead of failing on a constraint. */
    @Test
    void serveOnADatabaseLeftHalfMigratedSaysHowToFinishOrRollBack(CapturedOutput output) {
        LegacyDatabase db = LegacyDatabase.singleTenant(2, 20, 2, 2);
        SchemaMigrations schema = schema(db);
        schema.markAppliedUpToTag(SchemaMigrations.SINGLE_TENANT);
        schema.updateToTag(LegacyMigration.MULTI_TENANT_SCHEMA);
        String before = db.fingerprint();

        int status = Cli.run(SupportAgentApplication.class, new String[] {
            "serve", "--support-agent.database.url=" + db.url, "--server.port=0", "--support-agent.demo.enabled=false"
        });

        assertThat(status).isEqualTo(1);
        assertThat(output.getErr())
                .contains("error: this database was left partly migrated by an interrupted migrate-to-multi-tenant")
                .contains("run migrate-to-multi-tenant again to finish it");
        assertThat(db.fingerprint()).isEqualTo(before);
        assertThat(migrate(db, "--yes")).as(output.getAll()).isZero();
        assertMigrated(db, 2, 20, 40);
    }

    private void killAt(LegacyDatabase db, String point) throws Exception {
        Path log = temp.resolve("migrate-" + point + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(
                List.of(java, "-cp", System.getProperty("java.class.path"), SupportAgentApplication.class.getName()));
        command.addAll(List.of(
                "migrate-to-multi-tenant",
                "--yes",
                "--database-url",
                db.url,
                "--support-agent.api-keys.bcrypt-cost=4"));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(LegacyMigration.PAUSE_PROPERTY, point);
        builder.environment()
                .put("SUPPORT_AGENT_DATA_DIR", temp.resolve("unused-pgdata").toString());
        builder.environment().remove("DATABASE_URL");
        process = builder.start();
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    String text = Files.readString(log);
                    assertThat(process.isAlive())
                            .as("command alive; its output:\n%s", text)
                            .isTrue();
                    return text.contains("legacy-migration paused at " + point);
                });
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by the JVM
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        process = null;
    }

    private static void assertMigrated(LegacyDatabase db, int stores, int conversations, int messages) {
        assertThat(db.count("SELECT count(*) FROM organizations")).isEqualTo(1);
        String org = db.text("SELECT id::text FROM organizations");
        assertThat(db.count("SELECT count(*) FROM stores WHERE organization_id = '" + org + "'"))
                .isEqualTo(stores);
        assertThat(db.count("SELECT count(*) FROM agent_instances")).isEqualTo(stores);
        assertThat(db.count("SELECT count(*) FROM conversations WHERE agent_instance_id IS NOT NULL"))
                .isEqualTo(conversations);
        assertThat(db.count("SELECT count(*) FROM messages WHERE organization_id = '" + org + "'"))
                .isEqualTo(messages);
        assertThat(db.count("SELECT count(*) FROM databasechangelog WHERE id = '111-tenant-primary-keys'"))
                .isEqualTo(1);
        assertThat(db.text("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'messages_pkey'"))
                .isEqualTo("PRIMARY KEY (organization_id, id)");
        assertThat(db.count("SELECT count(*) FROM pg_class WHERE relname IN ('stores', 'conversations', 'messages')"
                        + " AND relforcerowsecurity"))
                .isEqualTo(3);
        assertThat(db.text("SELECT locked::text FROM databasechangeloglock")).isEqualTo("false");
    }

    static int migrate(LegacyDatabase db, String... options) {
        String[] args = Stream.concat(
                        Stream.of("migrate-to-multi-tenant", "--database-url", db.url),
                        Stream.concat(Stream.of(options), Stream.of("--support-agent.api-keys.bcrypt-cost=4")))
                .toArray(String[]::new);
        return Cli.run(SupportAgentApplication.class, args);
    }

    static SchemaMigrations schema(LegacyDatabase db) {
        DatabaseSettings settings = new DatabaseSettings(
                db.url, null, 0, "support_agent_app", null, "support_agent_platform", null, 2, true, false);
        return new SchemaMigrations(DatabaseUrl.parse(db.url), settings);
    }
}
