package io.supportagent.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the catalog: the schema distributes by organization as it is (Citus, docs/deployment.md). A tenant table is a
 * table with an {@code organization_id} column; for every one, present and future, the primary key starts with
 * {@code organization_id}, every unique key includes it, and every foreign key to another tenant table carries it
 * on both sides. The other tables are listed here by name, each with the reason it is global, so that a new table
 * is a decision, not an accident; and docs/deployment.md's Citus commands name every table.
 */
@IntegrationTest
class DistributionKeysCatalogTests {

    /** Tables without organization_id, and why. Citus: reference tables, or the distribution anchor. */
    static final Map<String, String> GLOBAL_TABLES = Map.ofEntries(
            Map.entry(
                    "organizations",
                    "the tenants themselves: distributed by id, the anchor every tenant table is colocated with"),
            Map.entry("agent_definitions", "operator-published templates every organization reads: a reference table"),
            Map.entry(
                    "accounts",
                    "a person may belong to several organizations and signs in before one is known: reference"),
            Map.entry(
                    "account_password_resets",
                    "an account's reset links, looked up before any organization: reference"),
            Map.entry(
                    "account_two_factor",
                    "a person's authenticator app, checked at sign-in before any organization is known: reference"),
            Map.entry("account_recovery_codes", "a person's recovery codes, with account_two_factor: reference"),
            Map.entry(
                    "spring_session",
                    "a signed-in person's session, across the organizations they switch between: reference"),
            Map.entry("spring_session_attributes", "the session's attributes: reference, with spring_session"),
            Map.entry("mail_outbox", "mail to people, sent by the platform role across organizations: reference"),
            Map.entry(
                    "platform_idempotency_keys",
                    "the operator's own API (/platform/v1) has no organization: reference"),
            Map.entry("databasechangelog", "Liquibase's log of schema changes: stays on the coordinator (local table)"),
            Map.entry("databasechangeloglock", "Liquibase's lock: stays on the coordinator (local table)"),
            Map.entry(
                    "operator_staff", "who may use the operator console: people across every organization: reference"));

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyTableIsATenantTableOrAListedGlobalOne() {
        List<String> globals = jdbc.sql("""
                SELECT c.relname FROM pg_class c
                 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
                   AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
                                      AND a.attname = 'organization_id' AND NOT a.attisdropped)
                 ORDER BY 1""").query(String.class).list();

        assertThat(globals).containsExactlyInAnyOrderElementsOf(GLOBAL_TABLES.keySet());
    }

    @Test
    void everyTenantTablesPrimaryKeyStartsWithTheOrganization() {
        List<String> offending =
                jdbc.sql(TENANT_TABLES + """
                SELECT t.relname || ': ' || coalesce(pg_get_constraintdef(k.oid), 'no primary key')
                  FROM tenant t
                  LEFT JOIN pg_constraint k ON k.conrelid = t.oid AND k.contype = 'p'
                 WHERE k.oid IS NULL
                    OR (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum = k.conkey[1])
                       <> 'organization_id'
                 ORDER BY 1""").query(String.class).list();

        assertThat(offending).isEmpty();
        assertThat(tenantTables()).contains("stores", "conversations", "messages", "memberships", "usage_events");
    }

    @Test
    void everyUniqueKeyOfATenantTableIncludesTheOrganization() {
        List<String> offending =
                jdbc.sql(TENANT_TABLES + """
                SELECT i.indexrelid::regclass::text || ' on ' || t.relname
                  FROM tenant t
                  JOIN pg_index i ON i.indrelid = t.oid AND i.indisunique
                 WHERE NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid
                                      AND a.attname = 'organization_id' AND a.attnum = ANY (i.indkey))
                 ORDER BY 1""").query(String.class).list();

        assertThat(offending).isEmpty();
    }

    @Test
    void everyForeignKeyBetweenTenantTablesCarriesTheOrganizationOnBothSides() {
        List<String> offending =
                jdbc.sql(TENANT_TABLES + """
                SELECT f.conrelid::regclass::text || '.' || f.conname || ': ' || pg_get_constraintdef(f.oid)
                  FROM pg_constraint f
                  JOIN tenant t ON t.oid = f.conrelid
                  JOIN tenant r ON r.oid = f.confrelid
                 WHERE f.contype = 'f'
                   AND NOT EXISTS (
                       SELECT 1 FROM unnest(f.conkey, f.confkey) AS k(fk, pk)
                         JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.fk
                         JOIN pg_attribute b ON b.attrelid = f.confrelid AND b.attnum = k.pk
                        WHERE a.attname = 'organization_id' AND b.attname = 'organization_id')
                 ORDER BY 1""").query(String.class).list();

        assertThat(offending).isEmpty();
    }

    @Test
    void tenantTablesReferenceOnlyTenantTablesOrReferenceTables() {
        List<String> offending =
                jdbc.sql(TENANT_TABLES + """
                SELECT f.conrelid::regclass::text || '.' || f.conname || ' -> ' || f.confrelid::regclass::text
                  FROM pg_constraint f
                  JOIN tenant t ON t.oid = f.conrelid
                 WHERE f.contype = 'f' AND f.confrelid NOT IN (SELECT oid FROM tenant)
                   AND f.confrelid::regclass::text NOT IN ('organizations', 'agent_definitions', 'accounts')
                 ORDER BY 1""").query(String.class).list();

        assertThat(offending).isEmpty();
    }

    /** The written dry run of the move to Citus distributes every tenant table and replicates every global one. */
    @Test
    void theDeploymentGuideDistributesEveryTable() throws IOException {
        String guide = Files.readString(Path.of("docs/deployment.md"));

        assertThat(tenantTables())
                .allSatisfy(t -> assertThat(guide)
                        .as("docs/deployment.md distributes %s", t)
                        .contains("create_distributed_table('" + t + "', 'organization_id'"));
        GLOBAL_TABLES.keySet().stream()
                .filter(t -> !t.startsWith("databasechangelog") && !t.equals("organizations"))
                .forEach(t -> assertThat(guide)
                        .as("docs/deployment.md makes %s a reference table", t)
                        .contains("create_reference_table('" + t + "')"));
        assertThat(guide).contains("create_distributed_table('organizations', 'id')");
    }

    private List<String> tenantTables() {
        return jdbc.sql(TENANT_TABLES + "SELECT relname::text FROM tenant ORDER BY 1")
                .query(String.class)
                .list();
    }

    private static final String TENANT_TABLES = """
            WITH tenant AS (
                SELECT c.oid, c.relname FROM pg_class c
                 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
                   AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
                                  AND a.attname = 'organization_id' AND NOT a.attisdropped))
            """;
}
