package io.supportagent.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.supportagent.agents.AgentInstance;
import io.supportagent.agents.AgentService;
import io.supportagent.conversations.Conversation;
import io.supportagent.conversations.ConversationService;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.support.Fixtures;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.TestDatabase;
import io.supportagent.tenancy.Store;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import io.supportagent.webhooks.WebhookService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Row-level security as the request role sees it, in plain SQL: the tenant in context and nothing else. */
@IntegrationTest
@Import(Fixtures.class)
class RowLevelSecurityTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    TenancyService tenancy;

    @Autowired
    AgentService agents;

    @Autowired
    io.supportagent.agents.IdentityVerification identity;

    @Autowired
    ConversationService conversations;

    @Autowired
    WebhookService webhooks;

    @Autowired
    io.supportagent.members.MemberService members;

    Fixtures.Org a;
    Fixtures.Org b;
    Store storeOfA;

    @BeforeEach
    void twoOrganizationsWithDataInEveryTable() {
        a = fixtures.organization(Tier.PRO);
        b = fixtures.organization(Tier.PRO);
        storeOfA = populate(a.live());
        populate(b.live());
    }

    private Store populate(Tenant tenant) {
        // Billing tables: a tier change, a webhook endpoint, and (as the owner) a usage alert, an outbox delivery and
        // a finalized invoice with a line.
        tenancy.changeTier(tenant.organizationId(), Tier.ENTERPRISE, java.time.Instant.now());
        // Members: a membership (through an accepted invitation), an open invitation, their audit events.
        String link = members.inviteAsOperator(
                tenant.organizationId(), "member-" + UUID.randomUUID() + "@people.example", MemberRole.ADMIN);
        members.acceptAsNewAccount(link.substring(link.indexOf("token=") + 6), "Member", "long enough password");
        members.inviteAsOperator(
                tenant.organizationId(), "invited-" + UUID.randomUUID() + "@people.example", MemberRole.AGENT);
        return TenantContext.callAs(tenant, () -> {
            UUID endpoint = webhooks.create("https://hooks.example/never", null).id();
            insertBillingRows(tenant.organizationId().value(), endpoint);
            Store store = tenancy.createStore("Store", "shop.example", List.of("https://shop.example"));
            AgentInstance instance =
                    agents.deploy(store.id(), agents.customerServiceV1().id(), "Assistant", "{}");
            identity.rollSecret(instance.id());
            Conversation conversation = conversations.start(instance.id(), "Ann", "ann@example.com");
            conversations.addMessage(conversation.id(), "customer", "Hello", null);
            insertKnowledgeAndRequestRows(
                    tenant.organizationId().value(),
                    store.id().value(),
                    conversation.id().value());
            return store;
        });
    }

    @Test
    void underATenantASelectWithoutWhereSeesOnlyThatTenantsRowsInEveryTenantTable() throws SQLException {
        try (Connection c = asRequestRole()) {
            c.setAutoCommit(false);
            setTenant(c, a.organization().id().value());
            for (String table : tenantTables(c)) {
                Set<UUID> owners = owners(c, table);
                assertThat(owners)
                        .as(table)
                        .isNotEmpty()
                        .containsOnly(a.organization().id().value());
            }
            assertThat(owners(c, "organizations"))
                    .containsOnly(a.organization().id().value());
            c.rollback();
        }
    }

    @Test
    void withoutATenantEveryTenantTableLooksEmpty() throws SQLException {
        try (Connection c = asRequestRole()) {
            for (String table : tenantTables(c)) {
                assertThat(owners(c, table)).as(table).isEmpty();
            }
            assertThat(owners(c, "organizations")).isEmpty();
        }
    }

    @Test
    void insertingARowOfAnotherTenantFails() throws SQLException {
        try (Connection c = asRequestRole()) {
            c.setAutoCommit(false);
            setTenant(c, a.organization().id().value());
            assertThatThrownBy(() -> execute(
                            c,
                            "INSERT INTO stores (organization_id, name) VALUES ('"
                                    + b.organization().id() + "', 'sneaky')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("row-level security");
            c.rollback();
        }
    }

    @Test
    void insertingWithoutATenantFails() throws SQLException {
        try (Connection c = asRequestRole()) {
            assertThatThrownBy(() -> execute(
                            c,
                            "INSERT INTO stores (organization_id, name) VALUES ('"
                                    + a.organization().id() + "', 'no context')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("row-level security");
        }
    }

    @Test
    void movingOwnRowsToAnotherTenantOrTouchingTheirsFails() throws SQLException {
        try (Connection c = asRequestRole()) {
            c.setAutoCommit(false);
            setTenant(c, a.organization().id().value());
            assertThatThrownBy(() -> execute(
                            c,
                            "UPDATE stores SET organization_id = '"
                                    + b.organization().id() + "' WHERE id = '" + storeOfA.id() + "'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("row-level security");
            c.rollback();
            setTenant(c, a.organization().id().value());
            int touched;
            try (var s = c.createStatement()) {
                touched = s.executeUpdate("UPDATE stores SET name = 'taken' WHERE organization_id = '"
                        + b.organization().id() + "'");
            }
            assertThat(touched).isZero();
            c.rollback();
        }
    }

    @Test
    void onAPoolOfOneConnectionAlternatingTenantsNeverSeeEachOther() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(requestRoleUrl());
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            JdbcClient jdbc = JdbcClient.create(pool);
            TransactionTemplate tx = new TransactionTemplate(new TenantTransactionManager(pool));
            for (int i = 0; i < 20; i++) {
                Fixtures.Org org = i % 2 == 0 ? a : b;
                List<UUID> seen = TenantContext.callAs(
                        org.live(),
                        () -> tx.execute(status -> jdbc.sql("SELECT organization_id FROM stores")
                                .query(UUID.class)
                                .list()));
                assertThat(seen)
                        .isNotEmpty()
                        .containsOnly(org.organization().id().value());
                // The same connection, outside any transaction, carries no tenant any more.
                assertThat(jdbc.sql("SELECT count(*) FROM stores")
                                .query(Integer.class)
                                .single())
                        .isZero();
            }
        }
    }

    @Test
    void theRequestRoleOwnsNothingAndCannotBypassSecurity() throws SQLException {
        try (Connection c = asRequestRole();
                ResultSet rs = c.createStatement().executeQuery("""
                        SELECT r.rolsuper, r.rolbypassrls,
                               (SELECT count(*) FROM pg_class WHERE relowner = r.oid) AS owned
                          FROM pg_roles r WHERE r.rolname = current_user""")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean("rolsuper")).isFalse();
            assertThat(rs.getBoolean("rolbypassrls")).isFalse();
            assertThat(rs.getLong("owned")).isZero();
        }
    }

    static String requestRoleUrl() {
        return TestDatabase.url().replace("user=postgres", "user=support_agent_app");
    }

    static Connection asRequestRole() throws SQLException {
        return DriverManager.getConnection(requestRoleUrl());
    }

    private static void setTenant(Connection c, UUID org) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT set_config('app.current_org_id', ?, true)")) {
            s.setString(1, org.toString());
            s.execute();
        }
    }

    static List<String> tenantTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("""
                SELECT c.table_name FROM information_schema.columns c
                  JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
                 WHERE c.table_schema = 'public' AND c.column_name = 'organization_id' AND t.table_type = 'BASE TABLE'
                 ORDER BY 1""")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static Set<UUID> owners(Connection c, String table) throws SQLException {
        String column = table.equals("organizations") ? "id" : "organization_id";
        Set<UUID> owners = new HashSet<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + table)) {
            while (rs.next()) {
                owners.add(rs.getObject(column, UUID.class));
            }
        }
        return owners;
    }

    /** As the database owner (superuser): invoices are written only by billing runs, alerts only by metering. */
    /**
     * As the admin: a knowledge article, an order, a widget token, a member's read mark, a widget sighting, a sign-in
     * policy, an operator's view and a stored idempotent answer.
     */
    private static void insertKnowledgeAndRequestRows(UUID org, UUID store, UUID conversation) {
        try (Connection c = DriverManager.getConnection(TestDatabase.url())) {
            // A member's inbox alert settings, a store they muted and a reply draft.
            execute(
                    c,
                    "INSERT INTO inbox_alert_settings (organization_id, account_id, muted)"
                            + " SELECT organization_id, account_id, true FROM memberships"
                            + " WHERE organization_id = '" + org + "' LIMIT 1");
            execute(
                    c,
                    "INSERT INTO inbox_muted_stores (organization_id, account_id, store_id)"
                            + " SELECT organization_id, account_id, '" + store + "' FROM memberships"
                            + " WHERE organization_id = '" + org + "' LIMIT 1");
            execute(
                    c,
                    "INSERT INTO reply_drafts (organization_id, conversation_id, account_id, mode, content)"
                            + " SELECT organization_id, '" + conversation + "', account_id, 'reply', 'Draft'"
                            + " FROM memberships WHERE organization_id = '" + org + "' LIMIT 1");
            execute(
                    c,
                    "INSERT INTO knowledge_articles (organization_id, store_id, title, body) VALUES ('" + org + "', '"
                            + store + "', 'Returns', 'Within 30 days')");
            execute(
                    c,
                    "INSERT INTO knowledge_passages (organization_id, store_id, article_id, ordinal, content)"
                            + " SELECT organization_id, store_id, id, 0, body FROM knowledge_articles"
                            + " WHERE organization_id = '" + org + "'");
            execute(
                    c,
                    "INSERT INTO store_orders (organization_id, store_id, number, customer_email, status, updated_at)"
                            + " VALUES ('" + org + "', '" + store + "', '1001', 'ann@example.com', 'shipped', now())");
            execute(
                    c,
                    "INSERT INTO widget_conversation_tokens (organization_id, conversation_id, token_hash) VALUES ('"
                            + org + "', '" + conversation + "', '\\x00')");
            execute(
                    c,
                    "INSERT INTO conversation_reads (organization_id, conversation_id, account_id, read_through)"
                            + " SELECT organization_id, '" + conversation + "', account_id, now() FROM memberships"
                            + " WHERE organization_id = '" + org + "' LIMIT 1");
            execute(
                    c,
                    "INSERT INTO store_widget_sightings (organization_id, store_id, origin, first_seen_at, last_seen_at)"
                            + " VALUES ('" + org + "', '" + store + "', 'https://shop.example', now(), now())");
            execute(
                    c,
                    "INSERT INTO member_sign_in_policies (organization_id, require_two_factor) VALUES ('" + org
                            + "', true)");
            execute(
                    c,
                    "INSERT INTO operator_views (organization_id, id, account_id, operator_email, reason, started_at,"
                            + " ends_at) SELECT organization_id, gen_random_uuid(), account_id, 'ops@platform.example',"
                            + " 'Isolation', now(), now() + interval '30 minutes' FROM memberships"
                            + " WHERE organization_id = '" + org + "' LIMIT 1");
            execute(
                    c,
                    "INSERT INTO idempotency_keys (organization_id, livemode, key, fingerprint, state, expires_at)"
                            + " VALUES ('" + org + "', true, 'k-" + UUID.randomUUID()
                            + "', 'f', 'in_flight', now() + interval '1 day')");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void insertBillingRows(UUID org, UUID endpoint) {
        try (Connection c = DriverManager.getConnection(TestDatabase.url())) {
            UUID invoice = UUID.randomUUID();
            execute(
                    c,
                    "INSERT INTO usage_alerts (organization_id, period_start, threshold, conversations,"
                            + " included_conversations, crossed_at) VALUES ('" + org
                            + "', '2020-01-01', 90, 9, 10, now())");
            execute(
                    c,
                    "INSERT INTO webhook_deliveries (organization_id, endpoint_id, event_id, event_type, payload,"
                            + " status, next_attempt_at) VALUES ('" + org + "', '" + endpoint + "', gen_random_uuid(),"
                            + " 'usage.threshold_crossed', '{}', 'failed', now())");
            execute(
                    c,
                    "INSERT INTO webhook_delivery_attempts (organization_id, delivery_id, attempt, attempted_at,"
                            + " error) SELECT organization_id, id, 1, now(), 'HTTP 500' FROM webhook_deliveries"
                            + " WHERE organization_id = '" + org + "'");
            execute(
                    c,
                    "INSERT INTO invoices (id, organization_id, period, period_start, period_end, billing_timezone,"
                            + " tier, currency, conversations, included_conversations, overage_conversations, total_cents,"
                            + " finalized_at, sequence_number, number) VALUES ('" + invoice + "', '" + org
                            + "', '2020-01', '2020-01-01', '2020-02-01',"
                            + " 'UTC', 'pro', 'usd', 0, 10000, 0, 19900, now(), 1, 'TEST-0001')");
            execute(c, "INSERT INTO invoice_numbers (organization_id, last_number) VALUES ('" + org + "', 1)");
            execute(
                    c,
                    "INSERT INTO invoice_lines (organization_id, invoice_id, position, kind, description, quantity,"
                            + " unit_price, amount_cents) VALUES ('" + org + "', '" + invoice
                            + "', 1, 'base_fee', 'Pro plan',"
                            + " 1, 199.00, 19900)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
