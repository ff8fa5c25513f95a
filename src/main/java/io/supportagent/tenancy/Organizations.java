package io.supportagent.tenancy;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.Params;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Organizations. A tenant reads only its own row through the request pool; creating and listing organizations is
 * operator work and goes through the platform role.
 */
@Repository
class Organizations {

    static final String COLUMNS =
            "id, name, tier, status, custom_pricing::text AS custom_pricing, usage_cap, billing_timezone, created_at, updated_at,"
                    + " migrated_at";

    static final RowMapper<Organization> MAPPER = Organizations::map;

    private final JdbcClient jdbc;
    private final PlatformJdbc platform;

    Organizations(JdbcClient jdbc, PlatformJdbc platform) {
        this.jdbc = jdbc;
        this.platform = platform;
    }

    Organization insert(
            JdbcClient platformTx,
            OrganizationId id,
            String name,
            Tier tier,
            String customPricing,
            Integer usageCap,
            String billingTimezone) {
        return platformTx
                .sql("""
                        INSERT INTO organizations (id, name, tier, custom_pricing, usage_cap, billing_timezone)
                        VALUES (:id, :name, :tier, CAST(:pricing AS jsonb), :cap, :tz)
                        RETURNING """ + " " + COLUMNS)
                .param("id", id.value())
                .param("name", name)
                .param("tier", tier.code())
                .param("pricing", customPricing)
                .param("cap", usageCap)
                .param("tz", billingTimezone)
                .query(MAPPER)
                .single();
    }

    Optional<Organization> find(OrganizationId id) {
        return platform.jdbc()
                .sql("SELECT " + COLUMNS + " FROM organizations WHERE id = :id")
                .param("id", id.value())
                .query(MAPPER)
                .optional();
    }

    Optional<Organization> findByName(String name) {
        return platform.jdbc()
                .sql("SELECT " + COLUMNS + " FROM organizations WHERE name = :name ORDER BY created_at LIMIT 1")
                .param("name", name)
                .query(MAPPER)
                .optional();
    }

    List<Organization> list(int limit, OrganizationId startingAfter) {
        return platform.jdbc()
                .sql("SELECT " + COLUMNS + """
                         FROM organizations
                        WHERE (CAST(:after AS uuid) IS NULL OR (created_at, id) < (
                               SELECT created_at, id FROM organizations WHERE id = CAST(:after AS uuid)))
                        ORDER BY created_at DESC, id DESC
                        LIMIT :limit""")
                .param("after", Params.id(startingAfter))
                .param("limit", limit)
                .query(MAPPER)
                .list();
    }

    /**
     * Organizations whose name contains {@code text} (case-insensitively, {@code %} and {@code _} taken literally) or
     * whose id it is, newest first, after the cursor organization.
     */
    List<Organization> search(String text, int limit, OrganizationId startingAfter) {
        String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return platform.jdbc()
                .sql("SELECT " + COLUMNS + """
                         FROM organizations
                        WHERE (name ILIKE :pattern OR id::text = lower(:text))
                          AND (CAST(:after AS uuid) IS NULL OR (created_at, id) < (
                               SELECT created_at, id FROM organizations WHERE id = CAST(:after AS uuid)))
                        ORDER BY created_at DESC, id DESC
                        LIMIT :limit""")
                .param("pattern", pattern)
                .param("text", text)
                .param("after", Params.id(startingAfter))
                .param("limit", limit)
                .query(MAPPER)
                .list();
    }

    /**
     * Locks the tenant's own row until the transaction ends, so that checks of its limits and the inserts they guard
     * run one at a time per organization.
     */
    Optional<Organization> lockOwn(OrganizationId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM organizations WHERE id = :id FOR UPDATE")
                .param("id", id.value())
                .query(MAPPER)
                .optional();
    }

    /** Operator work: applies the changes; empty when there is no such organization. */
    Optional<Organization> update(JdbcClient platformTx, OrganizationId id, OrganizationChanges changes) {
        return platformTx
                .sql("""
                        UPDATE organizations SET
                               name = coalesce(:name, name),
                               tier = coalesce(:tier, tier),
                               status = coalesce(:status, status),
                               custom_pricing = CASE WHEN :clearPricing THEN NULL
                                                     ELSE coalesce(CAST(:pricing AS jsonb), custom_pricing) END,
                               usage_cap = CASE WHEN :clearCap THEN NULL ELSE coalesce(:cap, usage_cap) END,
                               billing_timezone = coalesce(:tz, billing_timezone),
                               updated_at = now()
                         WHERE id = :id
                        RETURNING """ + " " + COLUMNS)
                .param("id", id.value())
                .param("name", changes.name())
                .param("tier", changes.tier() == null ? null : changes.tier().code())
                .param("status", changes.status())
                .param("clearPricing", changes.clearCustomPricing())
                .param(
                        "pricing",
                        changes.customPricing() == null
                                ? null
                                : changes.customPricing().toJson())
                .param("clearCap", changes.clearUsageCap())
                .param("cap", changes.usageCap())
                .param("tz", changes.billingTimezone())
                .query(MAPPER)
                .optional();
    }

    private static Organization map(ResultSet rs, int row) throws SQLException {
        return new Organization(
                new OrganizationId(Rows.uuid(rs, "id")),
                rs.getString("name"),
                Tier.of(rs.getString("tier")),
                rs.getString("status"),
                rs.getString("custom_pricing"),
                Rows.integer(rs, "usage_cap"),
                rs.getString("billing_timezone"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"),
                Rows.instant(rs, "migrated_at"));
    }
}
