package io.supportagent.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.db.DatabaseSettings;
import io.supportagent.platform.db.DatabaseUrl;
import io.supportagent.platform.db.SchemaMigrations;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The usage, webhook and billing changesets roll back and apply again, on a database of their own. */
@IntegrationTest
class BillingSchemaTests {

    static final List<String> TABLES = List.of(
            "organization_tier_changes",
            "usage_alerts",
            "webhook_endpoints",
            "webhook_deliveries",
            "invoices",
            "invoice_lines");

    @Autowired
    DatabaseSettings settings;

    @Test
    void rollsBackAndReappliesItsChangesets() throws SQLException {
        String name = "sa_billing_schema_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = TestDatabase.create(name);
        try {
            var migrations = new SchemaMigrations(DatabaseUrl.parse(url), settings);
            migrations.update();
            assertThat(tables(migrations)).containsAll(TABLES);

            migrations.rollbackToTag("multi-tenant-core");
            assertThat(tables(migrations)).doesNotContainAnyElementsOf(TABLES);

            migrations.update();
            assertThat(tables(migrations)).containsAll(TABLES);
            assertThat(forcedRowLevelSecurity(migrations)).containsAll(TABLES);
        } finally {
            TestDatabase.drop(name);
        }
    }

    private static List<String> tables(SchemaMigrations migrations) throws SQLException {
        return strings(migrations, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    }

    private static List<String> forcedRowLevelSecurity(SchemaMigrations migrations) throws SQLException {
        return strings(
                migrations,
                "SELECT relname FROM pg_class WHERE relrowsecurity AND relforcerowsecurity AND relkind = 'r'");
    }

    private static List<String> strings(SchemaMigrations migrations, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = migrations.openOwnerConnection();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
