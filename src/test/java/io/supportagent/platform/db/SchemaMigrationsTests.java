package io.supportagent.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportagent.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The changelog goes up, back down to the single-tenant layout and up again on a database holding rows. */
class SchemaMigrationsTests {

    String name;
    String url;
    SchemaMigrations migrations;

    @BeforeEach
    void freshDatabase() {
        name = "sa_migrations_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        url = TestDatabase.create(name);
        DatabaseSettings settings = new DatabaseSettings(
                url, Path.of("unused"), 0, "support_agent_app", null, "support_agent_platform", null, 2, true, false);
        DatabaseServer server = DatabaseServer.open(settings);
        try (Connection owner = server.migrations().openOwnerConnection()) {
            DatabaseRoles.ensure(owner, settings);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        migrations = server.migrations();
    }

    @AfterEach
    void dropDatabase() {
        TestDatabase.drop(name);
    }

    @Test
    void rollsBackToTheSingleTenantLayoutAndUpAgainLosingNoRow() throws SQLException {
        migrations.update();
        insertMultiTenantRows();
        String before = checksums();

        migrations.rollbackToTag(SchemaMigrations.SINGLE_TENANT);

        assertThat(tables())
                .contains("stores", "conversations", "messages")
                .doesNotContain("organizations", "agent_instances", "organization_api_keys", "conversation_usage");
        assertThat(checksums()).isEqualTo(before);

        migrations.updateToTag("multi-tenant-schema");
        assertThat(checksums()).isEqualTo(before);
        assertThat(tables()).contains("organizations", "agent_instances");
    }

    /**
     * Invoices finalized before invoice numbers existed get them when the changeset runs: per organization, in the
     * order they were finalized (not by period), and each organization's counter goes on from the last one.
     */
    @Test
    void numbersExistingInvoicesInTheOrderTheyWereFinalized() throws Exception {
        try (Connection owner = migrations.openOwnerConnection()) {
            var database = liquibase.database.DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new liquibase.database.jvm.JdbcConnection(owner));
            try (var liquibase = new liquibase.Liquibase(
                    SchemaMigrations.CHANGELOG, new liquibase.resource.ClassLoaderResourceAccessor(), database)) {
                liquibase.setChangeLogParameter("app_role", "support_agent_app");
                liquibase.setChangeLogParameter("platform_role", "support_agent_platform");
                var changeSets = liquibase.getDatabaseChangeLog().getChangeSets();
                int before = 0;
                while (!changeSets.get(before).getId().equals("189-invoice-numbers")) {
                    before++;
                }
                liquibase.update(before, new liquibase.Contexts(), new liquibase.LabelExpression());
                try (Connection c = DriverManager.getConnection(
                                url.replace("user=postgres", "user=support_agent_platform"));
                        Statement s = c.createStatement()) {
                    s.execute("""
                            WITH orgs AS (INSERT INTO organizations (name, tier) VALUES ('Early', 'pro'), ('Other', 'basic')
                                          RETURNING id, name)
                            INSERT INTO invoices (organization_id, period, period_start, period_end, billing_timezone, tier,
                                                  currency, conversations, included_conversations, overage_conversations,
                                                  total_cents, finalized_at)
                            SELECT orgs.id, p, TIMESTAMPTZ '2026-01-01', TIMESTAMPTZ '2026-02-01', 'UTC', 'pro', 'usd',
                                   0, 0, 0, 0, f
                              FROM orgs JOIN (VALUES ('Early', '2026-03', TIMESTAMPTZ '2026-04-01 01:00Z'),
                                                     ('Early', '2026-01', TIMESTAMPTZ '2026-04-01 02:00Z'),
                                                     ('Early', '2026-02', TIMESTAMPTZ '2026-04-02 00:00Z'),
                                                     ('Other', '2026-03', TIMESTAMPTZ '2026-04-01 00:00Z'))
                                        AS x(name, p, f) ON x.name = orgs.name""");
                }
                liquibase.update(new liquibase.Contexts(), new liquibase.LabelExpression());
            }
        }
        try (Connection c = DriverManager.getConnection(url.replace("user=postgres", "user=support_agent_platform"));
                ResultSet rs = c.createStatement().executeQuery("""
                        SELECT string_agg(o.name || ' ' || i.period || ' ' || i.sequence_number || ' '
                                          || (i.number = upper(left(replace(CAST(o.id AS text), '-', ''), 8)) || '-'
                                                         || lpad(CAST(i.sequence_number AS text), 4, '0')),
                                          ', ' ORDER BY o.name, i.sequence_number)
                               || ' | ' || (SELECT string_agg(o2.name || ' ' || n.last_number, ', ' ORDER BY o2.name)
                                              FROM invoice_numbers n JOIN organizations o2 ON o2.id = n.organization_id)
                          FROM invoices i JOIN organizations o ON o.id = i.organization_id""")) {
            rs.next();
            assertThat(rs.getString(1))
                    .isEqualTo("Early 2026-03 1 true, Early 2026-01 2 true, Early 2026-02 3 true, Other 2026-03 1 true"
                            + " | Early 3, Other 1");
        }
    }

    /** A fresh installation can deploy at once: the migrations publish customer_service 1.0.0, once. */
    @Test
    void publishesTheCustomerServiceDefinitionOnAFreshDatabase() throws SQLException {
        migrations.update();
        assertThat(customerServiceDefinitions())
                .isEqualTo("Customer service:search_knowledge,lookup_order,handoff_to_human");

        migrations.rollbackToTag("multi-tenant-core");
        migrations.update();

        assertThat(customerServiceDefinitions())
                .isEqualTo("Customer service:search_knowledge,lookup_order,handoff_to_human");
    }

    private String customerServiceDefinitions() throws SQLException {
        try (Connection c = DriverManager.getConnection(url.replace("user=postgres", "user=support_agent_platform"));
                ResultSet rs = c.createStatement().executeQuery("""
                        SELECT string_agg(name || ':' || (SELECT string_agg(t, ',') FROM jsonb_array_elements_text(tools) t)
                                          || CASE WHEN system_prompt LIKE 'You are the customer-support assistant%'
                                                  THEN '' ELSE ' (prompt?)' END, ';')
                          FROM agent_definitions WHERE type = 'customer_service' AND version = '1.0.0'""")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void refusesToRequireOrganizationsWhileRowsHaveNone() throws SQLException {
        migrations.updateToTag(SchemaMigrations.SINGLE_TENANT);
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO stores (id, name) VALUES (gen_random_uuid(), 'Legacy store')");
        }

        assertThatThrownBy(() -> migrations.update())
                .isInstanceOf(DatabaseUnavailable.class)
                .hasMessageContaining("organization_id");
        assertThat(checksums()).contains("Legacy store");
    }

    /** As the platform role: the owner itself is subject to the forced policies and sees no tenant rows. */
    private void insertMultiTenantRows() throws SQLException {
        try (Connection c = DriverManager.getConnection(url.replace("user=postgres", "user=support_agent_platform"));
                Statement s = c.createStatement()) {
            s.execute("""
                    WITH org AS (INSERT INTO organizations (name, tier) VALUES ('Org', 'pro') RETURNING id),
                         def AS (SELECT id FROM agent_definitions WHERE type = 'customer_service' AND version = '1.0.0'),
                         store AS (INSERT INTO stores (organization_id, name, domain)
                                   SELECT id, 'Store one', 'one.example' FROM org RETURNING id, organization_id),
                         inst AS (INSERT INTO agent_instances (organization_id, store_id, agent_definition_id, name, public_key)
                                  SELECT store.organization_id, store.id, def.id, 'A', 'pk_widget_x' FROM store, def
                                  RETURNING id, organization_id, store_id),
                         conv AS (INSERT INTO conversations (organization_id, store_id, agent_instance_id, customer_name)
                                  SELECT organization_id, store_id, id, 'Ann' FROM inst RETURNING id, organization_id)
                    INSERT INTO messages (organization_id, conversation_id, role, content)
                    SELECT organization_id, id, 'customer', 'Where is my order?' FROM conv""");
            // One key on both of the organization's APIs: going back to one key space keeps the organization API's.
            s.execute("""
                    INSERT INTO idempotency_keys (organization_id, livemode, api, key, fingerprint, state, expires_at)
                    SELECT id, true, api, 'k1', 'f', 'in_flight', now() + interval '1 day'
                      FROM organizations, (VALUES ('organization'), ('widget')) AS apis (api)""");
        }
    }

    /** The legacy columns of the three legacy tables, as one comparable text. */
    private String checksums() throws SQLException {
        try (Connection c = DriverManager.getConnection(url.replace("user=postgres", "user=support_agent_platform"));
                ResultSet rs = c.createStatement().executeQuery("""
                        SELECT (SELECT coalesce(string_agg(id::text || name || coalesce(domain, '') || created_at, ',' ORDER BY id), '') FROM stores)
                            || '|' || (SELECT coalesce(string_agg(id::text || store_id::text || coalesce(customer_name, '') || status || created_at, ',' ORDER BY id), '') FROM conversations)
                            || '|' || (SELECT coalesce(string_agg(id::text || conversation_id::text || role || content || created_at, ',' ORDER BY id), '') FROM messages)""")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private java.util.List<String> tables() throws SQLException {
        var names = new java.util.ArrayList<String>();
        try (Connection c = DriverManager.getConnection(url);
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
