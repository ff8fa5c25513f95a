package io.supportagent.usage;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.Rows;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Usage counters of the tenant in context. */
@Repository
class ConversationUsages {

    static final String COLUMNS = "organization_id, period_start, conversations, thresholds_crossed, updated_at";
    static final RowMapper<ConversationUsage> MAPPER = ConversationUsages::map;

    private final JdbcClient jdbc;

    ConversationUsages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds one conversation to the period, creating its row on first use; answers the new count. */
    int increment(OrganizationId org, LocalDate periodStart) {
        return jdbc.sql("""
                        INSERT INTO conversation_usage (organization_id, period_start, conversations)
                        VALUES (:org, :period, 1)
                        ON CONFLICT (organization_id, period_start)
                        DO UPDATE SET conversations = conversation_usage.conversations + 1, updated_at = now()
                        RETURNING conversations""")
                .param("org", org.value())
                .param("period", periodStart)
                .query(Integer.class)
                .single();
    }

    Optional<ConversationUsage> find(OrganizationId org, LocalDate periodStart) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM conversation_usage WHERE organization_id = :org AND period_start = :period")
                .param("org", org.value())
                .param("period", periodStart)
                .query(MAPPER)
                .optional();
    }

    List<ConversationUsage> history(OrganizationId org) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM conversation_usage WHERE organization_id = :org ORDER BY period_start DESC")
                .param("org", org.value())
                .query(MAPPER)
                .list();
    }

    private static ConversationUsage map(ResultSet rs, int row) throws SQLException {
        Array crossed = rs.getArray("thresholds_crossed");
        return new ConversationUsage(
                new OrganizationId(Rows.uuid(rs, "organization_id")),
                rs.getObject("period_start", LocalDate.class),
                rs.getInt("conversations"),
                crossed == null ? List.of() : Arrays.asList((Integer[]) crossed.getArray()),
                Rows.instant(rs, "updated_at"));
    }
}
