package io.supportagent.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.db.DatabaseSettings;
import io.supportagent.platform.db.DatabaseUrl;
import io.supportagent.platform.db.SchemaMigrations;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The knowledge and widget-token changesets roll back and apply again on a database of their own. */
@IntegrationTest
class KnowledgeSchemaTests {

    @Autowired
    DatabaseSettings settings;

    @Test
    void rollsBackTheNewTablesAndAppliesThemAgain() throws SQLException {
        String url = TestDatabase.create(
                "sa_agent_rb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        var migrations = new SchemaMigrations(DatabaseUrl.parse(url), settings);

        migrations.update();
        assertThat(tables(migrations)).isEqualTo(3);
        migrations.rollbackToTag("multi-tenant-core");
        assertThat(tables(migrations)).isZero();
        migrations.update();
        assertThat(tables(migrations)).isEqualTo(3);
    }

    private static int tables(SchemaMigrations migrations) throws SQLException {
        try (Connection c = migrations.openOwnerConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT count(*) FROM pg_tables WHERE tablename IN"
                                + " ('knowledge_articles', 'store_orders', 'widget_conversation_tokens')")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
