package io.supportagent.usage;

import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.UsageEventId;
import io.supportagent.platform.db.Params;
import io.supportagent.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The usage ledger of the tenant in context. Rows are written only by {@link ConversationUsages#count}, with the
 * count, and never changed: the schema grants neither role UPDATE or DELETE.
 */
@Repository
class UsageEvents {

    static final String COLUMNS =
            "id, organization_id, conversation_id, store_id, agent_instance_id, period_start, counted_at";
    static final RowMapper<UsageEvent> MAPPER = UsageEvents::map;

    private final JdbcClient jdbc;

    UsageEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first, of one period or of all, after the cursor event (none when it is unknown or foreign). */
    List<UsageEvent> page(OrganizationId org, LocalDate periodStart, int limit, UsageEventId after) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM usage_events
                        WHERE organization_id = :org
                          AND (CAST(:period AS date) IS NULL OR period_start = CAST(:period AS date))
                          AND (CAST(:after AS uuid) IS NULL OR (counted_at, id) < (
                               SELECT counted_at, id FROM usage_events
                                WHERE organization_id = :org AND id = CAST(:after AS uuid)))
                        ORDER BY counted_at DESC, id DESC
                        LIMIT :limit""")
                .param("org", org.value())
                .param("period", Params.text(periodStart == null ? null : periodStart.toString()))
                .param("after", Params.id(after))
                .param("limit", limit)
                .query(MAPPER)
                .list();
    }

    /** One period's events oldest first, after the event counted at {@code afterAt} with id {@code afterId}. */
    List<UsageEvent> ofPeriodFrom(
            OrganizationId org, LocalDate periodStart, Instant afterAt, UsageEventId afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM usage_events
                        WHERE organization_id = :org AND period_start = :period
                          AND (CAST(:after_at AS timestamptz) IS NULL
                               OR (counted_at, id) > (CAST(:after_at AS timestamptz), CAST(:after_id AS uuid)))
                        ORDER BY counted_at, id
                        LIMIT :limit""")
                .param("org", org.value())
                .param("period", periodStart)
                .param("after_at", Params.timestamp(afterAt))
                .param("after_id", Params.id(afterId))
                .param("limit", limit)
                .query(MAPPER)
                .list();
    }

    private static UsageEvent map(ResultSet rs, int row) throws SQLException {
        return new UsageEvent(
                new UsageEventId(Rows.uuid(rs, "id")),
                new OrganizationId(Rows.uuid(rs, "organization_id")),
                new ConversationId(Rows.uuid(rs, "conversation_id")),
                new StoreId(Rows.uuid(rs, "store_id")),
                new AgentInstanceId(Rows.uuid(rs, "agent_instance_id")),
                rs.getObject("period_start", LocalDate.class),
                Rows.instant(rs, "counted_at"));
    }
}
