package io.supportagent.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the catalog: every table with an {@code organization_id} (and organizations itself) has row-level security
 * enabled and forced, and a tenant policy that checks {@code app.current_org_id} both when reading and writing. A
 * table added later without them fails the build here.
 */
@IntegrationTest
class RowLevelSecurityCatalogTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyTenantTableHasForcedRowLevelSecurityWithATenantPolicy() {
        List<Map<String, Object>> tables = jdbc.sql("""
                SELECT c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
                       (SELECT count(*) FROM pg_policies p
                         WHERE p.schemaname = 'public' AND p.tablename = c.relname AND p.policyname = 'tenant_isolation'
                           AND p.roles = '{public}' AND p.cmd = 'ALL'
                           AND p.qual LIKE '%app.current_org_id%' AND p.with_check LIKE '%app.current_org_id%') AS policies
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relkind = 'r'
                   AND (c.relname = 'organizations' OR EXISTS (
                        SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id'
                           AND NOT a.attisdropped))
                 ORDER BY 1""").query().listOfRows();

        assertThat(tables)
                .extracting(t -> t.get("name"))
                .contains(
                        "organizations",
                        "stores",
                        "agent_instances",
                        "conversations",
                        "messages",
                        "conversation_usage",
                        "organization_api_keys",
                        "memberships",
                        "member_invitations",
                        "audit_events");
        assertThat(tables).allSatisfy(t -> {
            assertThat(t.get("enabled")).as("RLS enabled on %s", t.get("name")).isEqualTo(true);
            assertThat(t.get("forced")).as("RLS forced on %s", t.get("name")).isEqualTo(true);
            assertThat((Long) t.get("policies"))
                    .as("tenant policy on %s", t.get("name"))
                    .isEqualTo(1L);
        });
    }

    @Test
    void everyIndexOfATenantTableStartsWithTheOrganization() {
        List<String> offending = jdbc.sql("""
                SELECT i.relname
                  FROM pg_index x
                  JOIN pg_class i ON i.oid = x.indexrelid
                  JOIN pg_class t ON t.oid = x.indrelid
                  JOIN pg_namespace n ON n.oid = t.relnamespace
                  JOIN pg_attribute first ON first.attrelid = t.oid AND first.attnum = x.indkey[0]
                 WHERE n.nspname = 'public'
                   AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'organization_id')
                   AND NOT x.indisprimary
                   AND first.attname <> 'organization_id'
                   AND i.relname NOT IN (SELECT unnest(CAST(:allowed AS text[])))""")
                .param("allowed", new String[] {
                    // Resolving a presented key happens before the organization is known.
                    "organization_api_keys_lookup_idx",
                    "agent_instances_public_key_idx",
                    "agent_instances_previous_public_key_idx",
                    // The webhook worker's queue of due deliveries spans tenants (platform role).
                    "webhook_deliveries_due_idx",
                    // A GIN index on the search vector cannot lead with a uuid without btree_gin; the
                    // (organization_id, store_id) btree index narrows every search first.
                    "knowledge_articles_search_idx",
                    // A person's own organizations, across tenants (platform role): the dashboard's switcher and
                    // the check that the organization in a page's URL is theirs.
                    "memberships_account_idx"
                })
                .query(String.class)
                .list();
        assertThat(offending).isEmpty();
    }
}
