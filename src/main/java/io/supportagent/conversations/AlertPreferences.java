package io.supportagent.conversations;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Members' inbox alert settings in the tenant in context (one row per member, and one per store a member muted). */
@Repository
class AlertPreferences {

    private final JdbcClient jdbc;

    AlertPreferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The member's settings; a member who never chose has alerts on for every store. */
    AlertSettings of(OrganizationId org, AccountId account) {
        boolean muted = jdbc.sql("""
                        SELECT muted FROM inbox_alert_settings WHERE organization_id = :org AND account_id = :account""")
                .param("org", org.value())
                .param("account", account.value())
                .query(Boolean.class)
                .optional()
                .orElse(false);
        Set<StoreId> stores = new HashSet<>(jdbc.sql("""
                        SELECT store_id FROM inbox_muted_stores WHERE organization_id = :org AND account_id = :account""")
                .param("org", org.value())
                .param("account", account.value())
                .query((rs, row) -> new StoreId(rs.getObject(1, java.util.UUID.class)))
                .list());
        return new AlertSettings(muted, stores);
    }

    void mute(OrganizationId org, AccountId account, boolean muted) {
        jdbc.sql("""
                        INSERT INTO inbox_alert_settings (organization_id, account_id, muted) VALUES (:org, :account, :muted)
                        ON CONFLICT (organization_id, account_id) DO UPDATE SET muted = excluded.muted, updated_at = now()""")
                .param("org", org.value())
                .param("account", account.value())
                .param("muted", muted)
                .update();
    }

    /**
     * The member's muted stores become exactly {@code stores}. A store that is not the organization's fails its
     * foreign key (checked by the database, beyond row-level security).
     */
    void muteStores(OrganizationId org, AccountId account, Set<StoreId> stores) {
        jdbc.sql("DELETE FROM inbox_muted_stores WHERE organization_id = :org AND account_id = :account")
                .param("org", org.value())
                .param("account", account.value())
                .update();
        if (stores.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO inbox_muted_stores (organization_id, account_id, store_id)
                        SELECT :org, :account, s FROM unnest(CAST(:stores AS uuid[])) s""")
                .param("org", org.value())
                .param("account", account.value())
                .param("stores", stores.stream().map(StoreId::value).toArray(java.util.UUID[]::new))
                .update();
    }
}
