package io.supportagent.tenancy;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.Rows;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What billing reads and the operator changes of organizations: tier history, cap and custom pricing. */
@Repository
class OrganizationBilling {

    private final JdbcClient jdbc;

    OrganizationBilling(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(JdbcClient platformTx, OrganizationId org, Tier from, Tier to, Instant at) {
        platformTx
                .sql("""
                        INSERT INTO organization_tier_changes (organization_id, from_tier, to_tier, changed_at)
                        VALUES (:org, :from, :to, :at)""")
                .param("org", org.value())
                .param("from", from.code())
                .param("to", to.code())
                .param("at", Timestamp.from(at))
                .update();
    }

    /** The tenant's organization with its tier changes since {@code since}, in one round trip. */
    Optional<BillingProfile> profile(OrganizationId org, Instant since) {
        return profile(jdbc, org, since);
    }

    /** The same, read with the given role (the platform's, for a node's snapshot). */
    Optional<BillingProfile> profile(JdbcClient jdbc, OrganizationId org, Instant since) {
        return jdbc.sql("SELECT " + Organizations.COLUMNS + """
                        , ARRAY(SELECT c.changed_at FROM organization_tier_changes c
                                 WHERE c.organization_id = o.id AND c.changed_at >= :since
                                 ORDER BY c.changed_at, c.id) AS change_times
                        , ARRAY(SELECT c.from_tier || ':' || c.to_tier FROM organization_tier_changes c
                                 WHERE c.organization_id = o.id AND c.changed_at >= :since
                                 ORDER BY c.changed_at, c.id) AS change_tiers
                         FROM organizations o WHERE o.id = :org""")
                .param("org", org.value())
                .param("since", Timestamp.from(since))
                .query((rs, row) -> new BillingProfile(Organizations.MAPPER.mapRow(rs, row), changes(rs)))
                .optional();
    }

    /** Every organization's tier changes since {@code since}, for a billing run (platform role). */
    List<TierChange> allSince(JdbcClient platform, Instant since) {
        return platform.sql("""
                        SELECT organization_id, from_tier, to_tier, changed_at FROM organization_tier_changes
                         WHERE changed_at >= :since ORDER BY organization_id, changed_at, id""")
                .param("since", Timestamp.from(since))
                .query((rs, row) -> new TierChange(
                        new OrganizationId(Rows.uuid(rs, "organization_id")),
                        Tier.of(rs.getString("from_tier")),
                        Tier.of(rs.getString("to_tier")),
                        Rows.instant(rs, "changed_at")))
                .list();
    }

    /** Organizations that existed before {@code before}, for a billing run (platform role). */
    List<Organization> createdBefore(JdbcClient platform, Instant before) {
        return platform.sql("SELECT " + Organizations.COLUMNS
                        + " FROM organizations WHERE created_at < :before ORDER BY id")
                .param("before", Timestamp.from(before))
                .query(Organizations.MAPPER)
                .list();
    }

    /** Locks the organization's row for a change by the operator. */
    Optional<Organization> lock(JdbcClient platformTx, OrganizationId org) {
        return platformTx
                .sql("SELECT " + Organizations.COLUMNS + " FROM organizations WHERE id = :id FOR UPDATE")
                .param("id", org.value())
                .query(Organizations.MAPPER)
                .optional();
    }

    void updateTier(JdbcClient platformTx, OrganizationId org, Tier tier) {
        platformTx
                .sql("UPDATE organizations SET tier = :tier, updated_at = now() WHERE id = :id")
                .param("tier", tier.code())
                .param("id", org.value())
                .update();
    }

    int updateUsageCap(JdbcClient platform, OrganizationId org, Integer cap) {
        return platform.sql("UPDATE organizations SET usage_cap = :cap, updated_at = now() WHERE id = :id")
                .param("cap", cap)
                .param("id", org.value())
                .update();
    }

    int updateCustomPricing(JdbcClient platform, OrganizationId org, String json) {
        return platform.sql(
                        "UPDATE organizations SET custom_pricing = CAST(:json AS jsonb), updated_at = now() WHERE id = :id")
                .param("json", json)
                .param("id", org.value())
                .update();
    }

    int updateBillingTimezone(JdbcClient platform, OrganizationId org, String zone) {
        return platform.sql("UPDATE organizations SET billing_timezone = :zone, updated_at = now() WHERE id = :id")
                .param("zone", zone)
                .param("id", org.value())
                .update();
    }

    private static List<TierChange> changes(ResultSet rs) throws SQLException {
        OrganizationId org = new OrganizationId(Rows.uuid(rs, "id"));
        Array times = rs.getArray("change_times");
        Array tiers = rs.getArray("change_tiers");
        Timestamp[] at = (Timestamp[]) times.getArray();
        String[] fromTo = (String[]) tiers.getArray();
        List<TierChange> changes = new ArrayList<>(at.length);
        for (int i = 0; i < at.length; i++) {
            String[] pair = fromTo[i].split(":");
            changes.add(new TierChange(org, Tier.of(pair[0]), Tier.of(pair[1]), at[i].toInstant()));
        }
        return changes;
    }
}
