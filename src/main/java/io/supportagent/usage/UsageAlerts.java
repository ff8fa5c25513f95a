package io.supportagent.usage;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Threshold alerts of the tenant in context. */
@Repository
class UsageAlerts {

    static final String COLUMNS =
            "id, organization_id, period_start, threshold, conversations, included_conversations, crossed_at";
    static final RowMapper<UsageAlert> MAPPER = UsageAlerts::map;

    private final JdbcClient jdbc;

    UsageAlerts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The new alert, or empty when this threshold was already alerted in the period (the unique key decides). */
    Optional<UsageAlert> insert(
            OrganizationId org, LocalDate periodStart, int threshold, int conversations, int included, Instant at) {
        return jdbc.sql("""
                        INSERT INTO usage_alerts (organization_id, period_start, threshold, conversations,
                                                  included_conversations, crossed_at)
                        VALUES (:org, :period, :threshold, :conversations, :included, :at)
                        ON CONFLICT (organization_id, period_start, threshold) DO NOTHING
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("period", periodStart)
                .param("threshold", threshold)
                .param("conversations", conversations)
                .param("included", included)
                .param("at", Timestamp.from(at))
                .query(MAPPER)
                .optional();
    }

    List<UsageAlert> ofPeriod(OrganizationId org, LocalDate periodStart) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM usage_alerts WHERE organization_id = :org AND period_start = :period
                        ORDER BY threshold""")
                .param("org", org.value())
                .param("period", periodStart)
                .query(MAPPER)
                .list();
    }

    /** The alerts of the periods from {@code first} to {@code last}, both included. */
    List<UsageAlert> ofPeriods(OrganizationId org, LocalDate first, LocalDate last) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM usage_alerts
                        WHERE organization_id = :org AND period_start BETWEEN :first AND :last
                        ORDER BY period_start DESC, threshold""")
                .param("org", org.value())
                .param("first", first)
                .param("last", last)
                .query(MAPPER)
                .list();
    }

    private static UsageAlert map(ResultSet rs, int row) throws SQLException {
        return new UsageAlert(
                Rows.uuid(rs, "id"),
                new OrganizationId(Rows.uuid(rs, "organization_id")),
                rs.getObject("period_start", LocalDate.class),
                rs.getInt("threshold"),
                rs.getInt("conversations"),
                rs.getInt("included_conversations"),
                Rows.instant(rs, "crossed_at"));
    }
}
