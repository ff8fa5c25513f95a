package io.supportagent.usage;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.Params;
import io.supportagent.platform.db.Rows;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Usage counters of the tenant in context. */
@Repository
class ConversationUsages {

    static final String COLUMNS =
            "organization_id, period_start, conversations, thresholds_crossed, updated_at, migrated_conversations";
    static final RowMapper<ConversationUsage> MAPPER = ConversationUsages::map;

    private final JdbcClient jdbc;

    ConversationUsages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The count after an increment, with the thresholds already alerted in the period. */
    record Counted(int conversations, List<Integer> thresholdsCrossed) {}

    /**
     * Adds one conversation to the period, creating its row on first use, and records its event in the usage ledger,
     * in the same statement: the count and the ledger cannot disagree, and counting stays one round trip. The upsert
     * takes the row lock, which holds until the transaction ends: concurrent starts of one organization count one
     * after the other, so each sees the exact count it produced (for the cap and for thresholds).
     */
    Counted count(CountedConversation conversation, LocalDate periodStart) {
        return jdbc.sql("""
                        WITH counted AS (
                            INSERT INTO conversation_usage AS u (organization_id, period_start, conversations)
                            VALUES (:org, :period, 1)
                            ON CONFLICT (organization_id, period_start)
                            DO UPDATE SET conversations = u.conversations + 1, updated_at = now()
                            RETURNING conversations, thresholds_crossed),
                        recorded AS (
                            INSERT INTO usage_events (organization_id, conversation_id, store_id, agent_instance_id,
                                                      period_start, counted_at)
                            VALUES (:org, :conversation, :store, :instance, :period, CAST(:at AS timestamptz)))
                        SELECT conversations, thresholds_crossed FROM counted""")
                .param("org", conversation.organizationId().value())
                .param("period", periodStart)
                .param("conversation", conversation.conversationId().value())
                .param("store", conversation.storeId().value())
                .param("instance", conversation.agentInstanceId().value())
                .param("at", Params.timestamp(conversation.at()))
                .query((rs, row) -> new Counted(rs.getInt("conversations"), ints(rs.getArray("thresholds_crossed"))))
                .single();
    }

    /** Records thresholds as alerted, under the row lock {@link #count} took. */
    void markCrossed(OrganizationId org, LocalDate periodStart, List<Integer> thresholds) {
        jdbc.sql("""
                        UPDATE conversation_usage SET thresholds_crossed = thresholds_crossed || CAST(:crossed AS integer[])
                         WHERE organization_id = :org AND period_start = :period""")
                .param("org", org.value())
                .param("period", periodStart)
                .param("crossed", thresholds.toArray(Integer[]::new))
                .update();
    }

    Optional<ConversationUsage> find(OrganizationId org, LocalDate periodStart) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM conversation_usage WHERE organization_id = :org AND period_start = :period")
                .param("org", org.value())
                .param("period", periodStart)
                .query(MAPPER)
                .optional();
    }

    /** The tenant's periods that start before {@code before}, newest first (the period is the primary key's tail). */
    List<ConversationUsage> history(OrganizationId org, LocalDate before, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM conversation_usage
                        WHERE organization_id = :org AND period_start < :before
                        ORDER BY period_start DESC
                        LIMIT :limit""")
                .param("org", org.value())
                .param("before", before)
                .param("limit", limit)
                .query(MAPPER)
                .list();
    }

    /** Every organization's count for the period that starts on {@code periodStart} (platform role). */
    Map<UUID, Integer> allOfPeriod(JdbcClient platform, LocalDate periodStart) {
        Map<UUID, Integer> counts = new HashMap<>();
        platform.sql("SELECT organization_id, conversations FROM conversation_usage WHERE period_start = :period")
                .param("period", periodStart)
                .query(rs -> {
                    counts.put(Rows.uuid(rs, "organization_id"), rs.getInt("conversations"));
                });
        return counts;
    }

    private static List<Integer> ints(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((Integer[]) array.getArray());
    }

    private static ConversationUsage map(ResultSet rs, int row) throws SQLException {
        return new ConversationUsage(
                new OrganizationId(Rows.uuid(rs, "organization_id")),
                rs.getObject("period_start", LocalDate.class),
                rs.getInt("conversations"),
                ints(rs.getArray("thresholds_crossed")),
                Rows.instant(rs, "updated_at"),
                rs.getInt("migrated_conversations"));
    }
}
