package io.supportagent.platform.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.db.DatabaseSettings;
import io.supportagent.platform.db.DatabaseUrl;
import io.supportagent.platform.db.SchemaMigrations;
import io.supportagent.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Changesets 010 (change notifications, rolled_from), 060 (notify on any organization change), 061 (store changes)
 * and 062 (agent instance changes) apply, roll back cleanly (060's rollback restores 010's status trigger, which
 * 010's rollback then drops) and apply again.
 */
class ChangeNotificationMigrationsTests {

    @Test
    void appliesRollsBackAndReapplies() throws SQLException {
        String name = "sa_changes_mig_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = TestDatabase.create(name);
        DatabaseSettings settings = new DatabaseSettings(
                url, null, 0, "support_agent_app", null, "support_agent_platform", null, 2, true, true);
        SchemaMigrations migrations = new SchemaMigrations(DatabaseUrl.parse(url), settings);
        try {
            migrations.update();
            assertThat(state(migrations))
                    .isEqualTo("[agent_instances_notify_change, organization_api_keys_notify_change,"
                            + " organizations_notify_change, stores_notify_change], rolled_from");

            migrations.rollbackToTag("multi-tenant-core");
            assertThat(state(migrations)).isEqualTo("[], no rolled_from");

            migrations.update();
            assertThat(state(migrations))
                    .isEqualTo("[agent_instances_notify_change, organization_api_keys_notify_change,"
                            + " organizations_notify_change, stores_notify_change], rolled_from");
        } finally {
            TestDatabase.drop(name);
        }
    }

    private static String state(SchemaMigrations migrations) throws SQLException {
        try (Connection c = migrations.openOwnerConnection();
                Statement s = c.createStatement()) {
            ResultSet triggers = s.executeQuery("SELECT tgname FROM pg_trigger WHERE tgname IN"
                    + " ('organization_api_keys_notify_change', 'organizations_notify_status',"
                    + " 'organizations_notify_change', 'stores_notify_change', 'agent_instances_notify_change')"
                    + " ORDER BY tgname");
            List<String> names = new ArrayList<>();
            while (triggers.next()) {
                names.add(triggers.getString(1));
            }
            ResultSet column = s.executeQuery("SELECT count(*) FROM information_schema.columns"
                    + " WHERE table_name = 'organization_api_keys' AND column_name = 'rolled_from'");
            column.next();
            return names + ", " + (column.getInt(1) == 1 ? "rolled_from" : "no rolled_from");
        }
    }
}
