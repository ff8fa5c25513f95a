package io.supportagent.conversations;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.db.Params;
import io.supportagent.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Conversations of the tenant in context, in the mode (live or test) of the caller. */
@Repository
class Conversations {

    static final String COLUMNS = "id, organization_id, store_id, agent_instance_id, customer_name, customer_email,"
            + " livemode, status, owner, created_at, updated_at, handed_off_at, resolved_at, customer_reference,"
            + " customer_email_verified, assignee_account_id, assignee_name, assigned_at, first_human_reply_at, rating,"
            + " rating_comment, waiting_since, rating_requested";
    static final RowMapper<Conversation> MAPPER = Conversations::map;

    private final JdbcClient jdbc;

    Conversations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Starts a conversation with the tenant's instance, on the instance's store, when the instance is active; empty
     * otherwise (unknown, another organization's, or paused). The check is part of the insert, so the API's hottest
     * path waits for the database once for both. The optional names go typed ({@link Params}).
     */
    Optional<Conversation> insertWithActiveInstance(
            OrganizationId org, AgentInstanceId instance, Customer customer, boolean livemode) {
        return jdbc.sql("""
                        INSERT INTO conversations (organization_id, store_id, agent_instance_id, customer_name, customer_email,
                                                   customer_email_verified, customer_reference, livemode,
                                                   agent_definition_id)
                        SELECT organization_id, store_id, id, :name, :email, :verified, :reference, :livemode,
                               agent_definition_id
                          FROM agent_instances
                         WHERE organization_id = :org AND id = :instance AND status = 'active'
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("instance", instance.value())
                .param("name", Params.text(customer.name()))
                .param("email", Params.text(customer.email()))
                .param("verified", customer.emailVerified())
                .param("reference", Params.text(customer.reference()))
                .param("livemode", livemode)
                .query(MAPPER)
                .optional();
    }

    Optional<Conversation> find(OrganizationId org, boolean livemode, ConversationId id) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM conversations WHERE organization_id = :org AND livemode = :livemode AND id = :id")
                .param("org", org.value())
                .param("livemode", livemode)
                .param("id", id.value())
                .query(MAPPER)
                .optional();
    }

    /** A store's latest conversations: the platform's main read. */
    List<Conversation> latestOfStore(OrganizationId org, boolean livemode, StoreId store, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM conversations
                        WHERE organization_id = :org AND store_id = :store AND livemode = :livemode
                        ORDER BY created_at DESC, id DESC
                        LIMIT :limit""")
                .param("org", org.value())
                .param("store", store.value())
                .param("livemode", livemode)
                .param("limit", limit)
                .query(MAPPER)
                .list();
    }

    /**
     * The tenant's conversations of the mode, newest first, with optional filters, after the cursor one. The dates are
     * always bounds of the index's range ({@code -infinity} and {@code infinity} when none is asked for), and plain
     * casts of parameters: under row-level security only leakproof conditions may become index conditions, and neither
     * "{@code :gte IS NULL OR …}" nor {@code coalesce(…)} is one, so either read the whole mode back to the days asked
     * for (113,000 rows and 340 ms for one day a month ago, bench/dashboard).
     */
    List<Conversation> page(
            OrganizationId org, boolean livemode, ConversationFilter filter, int limit, ConversationId after) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM conversations
                        WHERE organization_id = :org AND livemode = :livemode
                          AND (CAST(:store AS uuid) IS NULL OR store_id = CAST(:store AS uuid))
                          AND (CAST(:instance AS uuid) IS NULL OR agent_instance_id = CAST(:instance AS uuid))
                          AND (CAST(:status AS text) IS NULL OR status = CAST(:status AS text))
                          AND (CAST(:handedOff AS boolean) IS NULL
                               OR (handed_off_at IS NOT NULL) = CAST(:handedOff AS boolean))
                          AND created_at >= CAST(:gte AS timestamptz)
                          AND created_at < CAST(:lt AS timestamptz)
                          AND (CAST(:after AS uuid) IS NULL OR (created_at, id) < (
                               SELECT created_at, id FROM conversations
                                WHERE organization_id = :org AND livemode = :livemode AND id = CAST(:after AS uuid)))
                        ORDER BY created_at DESC, id DESC
                        LIMIT :limit""")
                .param("org", org.value())
                .param("livemode", livemode)
                .param("store", Params.id(filter.store()))
                .param("instance", Params.id(filter.agentInstance()))
                .param("status", Params.text(filter.status()))
                .param("handedOff", Params.bool(filter.handedOff()))
                .param("gte", filter.createdGte() == null ? "-infinity" : Params.timestamp(filter.createdGte()))
                .param("lt", filter.createdLt() == null ? "infinity" : Params.timestamp(filter.createdLt()))
                .param("after", Params.id(after))
                .param("limit", limit)
                .query(MAPPER)
                .list();
    }

    /** Resolves the conversation (whoever owns it keeps it). */
    Optional<Conversation> resolve(OrganizationId org, boolean livemode, ConversationId id, boolean askRating) {
        return jdbc.sql("""
                        UPDATE conversations
                           SET status = 'resolved', resolved_at = now(), updated_at = now(),
                               rating_requested = :askRating
                         WHERE organization_id = :org AND livemode = :livemode AND id = :id
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("livemode", livemode)
                .param("id", id.value())
                .param("askRating", askRating)
                .query(MAPPER)
                .optional();
    }

    /**
     * Gives the conversation to people; when it moves from the AI, a {@code system} message says why ({@code note}),
     * in the same statement. The update joins the locked previous row, so that the lock is taken (and the previous
     * owner read) before the update: of two concurrent transfers only the first writes the note.
     */
    /** A transfer's outcome: the conversation now, and whether the AI owned it until now (a hand-off happened). */
    record Transfer(Conversation conversation, boolean fromAi) {}

    Optional<Transfer> transferToHuman(OrganizationId org, boolean livemode, ConversationId id, String note) {
        return jdbc.sql("""
                        WITH previous AS (
                            SELECT owner AS previous_owner FROM conversations
                             WHERE organization_id = :org AND livemode = :livemode AND id = :id
                               FOR UPDATE),
                        moved AS (
                            UPDATE conversations c
                               SET owner = 'human',
                                   status = CASE WHEN c.status = 'resolved' THEN c.status ELSE 'handed_off' END,
                                   handed_off_at = coalesce(c.handed_off_at, now()),
                                   waiting_since = CASE WHEN previous.previous_owner = 'ai' OR c.waiting_since IS NULL
                                                        THEN now() ELSE c.waiting_since END,
                                   updated_at = now()
                              FROM previous
                             WHERE c.organization_id = :org AND c.livemode = :livemode AND c.id = :id
                            RETURNING c.*, previous.previous_owner),
                        noted AS (
                            INSERT INTO messages (organization_id, conversation_id, role, content, created_at)
                            SELECT :org, :id, 'system', :note, clock_timestamp()
                              FROM moved
                             WHERE moved.previous_owner = 'ai')
                        SELECT """ + " " + COLUMNS + ", previous_owner FROM moved")
                .param("org", org.value())
                .param("livemode", livemode)
                .param("id", id.value())
                .param("note", note)
                .query((rs, row) -> new Transfer(map(rs, row), "ai".equals(rs.getString("previous_owner"))))
                .optional();
    }

    private static Conversation map(ResultSet rs, int row) throws SQLException {
        return new Conversation(
                new ConversationId(Rows.uuid(rs, "id")),
                new OrganizationId(Rows.uuid(rs, "organization_id")),
                new StoreId(Rows.uuid(rs, "store_id")),
                new AgentInstanceId(Rows.uuid(rs, "agent_instance_id")),
                rs.getString("customer_name"),
                rs.getString("customer_email"),
                rs.getBoolean("livemode"),
                rs.getString("status"),
                rs.getString("owner"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"),
                Rows.instant(rs, "handed_off_at"),
                Rows.instant(rs, "resolved_at"),
                rs.getString("customer_reference"),
                rs.getBoolean("customer_email_verified"),
                rs.getObject("assignee_account_id") == null
                        ? null
                        : new Teammate(
                                new io.supportagent.platform.AccountId(Rows.uuid(rs, "assignee_account_id")),
                                rs.getString("assignee_name")),
                Rows.instant(rs, "assigned_at"),
                Rows.instant(rs, "first_human_reply_at"),
                (Integer) rs.getObject("rating", Integer.class),
                rs.getString("rating_comment"),
                Rows.instant(rs, "waiting_since"),
                rs.getBoolean("rating_requested"));
    }

    // --- The inbox ---

    /**
     * Conversations waiting for people, longest waiting first, with the shopper's latest message and whether
     * {@code me} has seen it (see {@link #counts}).
     */
    List<InboxItem> waiting(OrganizationId org, boolean livemode, AccountId me, int limit) {
        return jdbc.sql(WAITING + """
                        ORDER BY c.waiting_since, c.id
                        LIMIT :limit""")
                .param("org", org.value())
                .param("livemode", livemode)
                .param("me", me.value())
                .param("limit", limit)
                .query(Conversations::inboxItem)
                .list();
    }

    /** One conversation of {@link #waiting}, as {@code me} would see it in the queue; empty unless it waits. */
    Optional<InboxItem> waitingOne(OrganizationId org, boolean livemode, AccountId me, ConversationId id) {
        return jdbc.sql(WAITING + " AND c.id = :id")
                .param("org", org.value())
                .param("livemode", livemode)
                .param("me", me.value())
                .param("id", id.value())
                .query(Conversations::inboxItem)
                .optional();
    }

    private static final String WAITING = "SELECT " + prefixed("c") + """
            , last.content AS last_content, last.created_at AS last_at,
              last.created_at > coalesce(r.read_through, '-infinity') AS unread
             FROM conversations c
             LEFT JOIN LATERAL (
                  SELECT content, created_at FROM messages m
                   WHERE m.organization_id = c.organization_id AND m.conversation_id = c.id
                     AND m.role = 'customer'
                   ORDER BY created_at DESC, id DESC LIMIT 1) last ON true
             LEFT JOIN conversation_reads r
                    ON r.organization_id = c.organization_id AND r.conversation_id = c.id
                   AND r.account_id = :me
            WHERE c.organization_id = :org AND c.livemode = :livemode AND c.status = 'handed_off'
            """;

    private static InboxItem inboxItem(ResultSet rs, int row) throws SQLException {
        return new InboxItem(
                map(rs, row), rs.getString("last_content"), Rows.instant(rs, "last_at"), rs.getBoolean("unread"));
    }

    /**
     * The conversation waiting for people that comes after {@code after} in {@link #waiting}'s order, else the first
     * one waiting (the queue from the top), never {@code after} itself; empty when none waits.
     */
    Optional<ConversationId> nextWaiting(OrganizationId org, boolean livemode, Conversation after) {
        return jdbc.sql("""
                        SELECT c.id FROM conversations c
                         WHERE c.organization_id = :org AND c.livemode = :livemode AND c.status = 'handed_off'
                           AND c.id <> :id
                         ORDER BY CASE WHEN CAST(:since AS timestamptz) IS NOT NULL
                                        AND (c.waiting_since, c.id) > (CAST(:since AS timestamptz), :id)
                                       THEN 0 ELSE 1 END,
                                  c.waiting_since, c.id
                         LIMIT 1""")
                .param("org", org.value())
                .param("livemode", livemode)
                .param("id", after.id().value())
                .param("since", after.waitingSince() == null ? null : Timestamp.from(after.waitingSince()))
                .query((rs, row) -> new ConversationId(Rows.uuid(rs, "id")))
                .optional();
    }

    /**
     * How many conversations wait for people: unassigned, assigned to {@code me}, and unread by {@code me}: nobody's
     * or mine, with a shopper message newer than the newest one {@code me} was shown (another member's reading
     * changes nothing here).
     */
    InboxCounts counts(OrganizationId org, boolean livemode, AccountId me) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE c.assignee_account_id IS NULL) AS unassigned,
                               count(*) FILTER (WHERE c.assignee_account_id = :me) AS mine,
                               count(*) AS waiting,
                               count(*) FILTER (
                                   WHERE (c.assignee_account_id IS NULL OR c.assignee_account_id = :me)
                                     AND EXISTS (SELECT 1 FROM messages m
                                                  WHERE m.organization_id = c.organization_id
                                                    AND m.conversation_id = c.id AND m.role = 'customer'
                                                    AND m.created_at > coalesce(r.read_through, '-infinity'))) AS unread
                          FROM conversations c
                          LEFT JOIN conversation_reads r
                                 ON r.organization_id = c.organization_id AND r.conversation_id = c.id
                                AND r.account_id = :me
                         WHERE c.organization_id = :org AND c.livemode = :livemode AND c.status = 'handed_off'""")
                .param("org", org.value())
                .param("livemode", livemode)
                .param("me", me.value())
                .query((rs, row) -> new InboxCounts(
                        rs.getInt("waiting"), rs.getInt("unassigned"), rs.getInt("mine"), rs.getInt("unread")))
                .single();
    }

    /**
     * Gives the conversation to {@code to}. With {@code onlyIfFree} it is a claim: one check-and-set, which succeeds
     * only when nobody (or {@code to} already) has it. Never for a resolved conversation. Empty when nothing changed.
     */
    Optional<Conversation> assign(
            OrganizationId org, boolean livemode, ConversationId id, Teammate to, boolean onlyIfFree) {
        return jdbc.sql("""
                        UPDATE conversations
                           SET assignee_account_id = :account, assignee_name = :name,
                               assigned_at = CASE WHEN assignee_account_id IS DISTINCT FROM :account
                                                  THEN now() ELSE assigned_at END,
                               updated_at = now()
                         WHERE organization_id = :org AND livemode = :livemode AND id = :id AND status <> 'resolved'
                           AND (NOT :onlyIfFree OR assignee_account_id IS NULL OR assignee_account_id = :account)
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("livemode", livemode)
                .param("id", id.value())
                .param("account", to.accountId().value())
                .param("name", to.name())
                .param("onlyIfFree", onlyIfFree)
                .query(MAPPER)
                .optional();
    }

    /** Back to the AI: open, owned by the AI, nobody's; the hand-off time stays for the analytics. */
    Optional<Conversation> handBack(OrganizationId org, boolean livemode, ConversationId id) {
        return jdbc.sql("""
                        UPDATE conversations
                           SET owner = 'ai', status = 'open', assignee_account_id = NULL, assignee_name = NULL,
                               assigned_at = NULL, waiting_since = NULL, updated_at = now()
                         WHERE organization_id = :org AND livemode = :livemode AND id = :id AND status <> 'resolved'
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("livemode", livemode)
                .param("id", id.value())
                .query(MAPPER)
                .optional();
    }

    /**
     * Back to the queue (still handed off, nobody's), only if nothing touched the conversation since it was read at
     * {@code seen}: a claim, reply or resolution meanwhile wins.
     */
    Optional<Conversation> release(OrganizationId org, boolean livemode, ConversationId id, Instant seen) {
        return jdbc.sql("""
                        UPDATE conversations
                           SET assignee_account_id = NULL, assignee_name = NULL, assigned_at = NULL, updated_at = now()
                         WHERE organization_id = :org AND livemode = :livemode AND id = :id
                           AND updated_at = :seen AND status = 'handed_off' AND assignee_account_id IS NOT NULL
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("livemode", livemode)
                .param("id", id.value())
                .param("seen", Timestamp.from(seen))
                .query(MAPPER)
                .optional();
    }

    /**
     * The shopper's rating of a resolved conversation, once. Empty when not resolved, already rated, or resolved
     * without asking for a rating.
     */
    Optional<Conversation> rate(OrganizationId org, ConversationId id, int rating, String comment) {
        return jdbc.sql("""
                        UPDATE conversations SET rating = :rating, rating_comment = :comment, rated_at = now()
                         WHERE organization_id = :org AND id = :id AND status = 'resolved' AND rating IS NULL
                           AND rating_requested
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("id", id.value())
                .param("rating", rating)
                .param("comment", Params.text(comment))
                .query(MAPPER)
                .optional();
    }

    /** The analytics of conversations started in {@code [from, to)}: in all, per store, per definition version. */
    SupportAnalytics analytics(OrganizationId org, boolean livemode, java.time.Instant from, java.time.Instant to) {
        List<SupportAnalytics.PerStore> stores = new java.util.ArrayList<>();
        List<SupportAnalytics.PerVersion> versions = new java.util.ArrayList<>();
        SupportMetrics[] total = {new SupportMetrics(0, 0, 0, null, null, 0)};
        jdbc.sql("""
                        SELECT c.store_id, c.agent_definition_id, d.type, d.version,
                               GROUPING(c.store_id) AS by_store_off, GROUPING(c.agent_definition_id) AS by_version_off,
                               count(*) AS conversations,
                               count(*) FILTER (WHERE c.status = 'resolved' AND c.handed_off_at IS NULL) AS resolved_by_ai,
                               count(*) FILTER (WHERE c.handed_off_at IS NOT NULL) AS handed_off,
                               percentile_cont(0.5) WITHIN GROUP (
                                   ORDER BY CAST(extract(epoch FROM c.first_human_reply_at - c.handed_off_at) AS double precision))
                                   FILTER (WHERE c.first_human_reply_at IS NOT NULL AND c.handed_off_at IS NOT NULL)
                                   AS median_reply,
                               CAST(avg(c.rating) AS double precision) AS csat, count(c.rating) AS ratings
                          FROM conversations c
                          LEFT JOIN agent_definitions d ON d.id = c.agent_definition_id
                         WHERE c.organization_id = :org AND c.livemode = :livemode
                           AND c.created_at >= :from AND c.created_at < :to
                         GROUP BY GROUPING SETS ((), (c.store_id), (c.agent_definition_id, d.type, d.version))
                         ORDER BY 5, 6, 3 NULLS FIRST, 4, 1""")
                .param("org", org.value())
                .param("livemode", livemode)
                .param("from", java.sql.Timestamp.from(from))
                .param("to", java.sql.Timestamp.from(to))
                .query((rs, row) -> {
                    SupportMetrics metrics = new SupportMetrics(
                            rs.getLong("conversations"),
                            rs.getLong("resolved_by_ai"),
                            rs.getLong("handed_off"),
                            SupportMetrics.round((Double) rs.getObject("median_reply", Double.class)),
                            SupportMetrics.round((Double) rs.getObject("csat", Double.class)),
                            rs.getLong("ratings"));
                    boolean storeOff = rs.getInt("by_store_off") == 1;
                    boolean versionOff = rs.getInt("by_version_off") == 1;
                    if (storeOff && versionOff) {
                        total[0] = metrics;
                    } else if (!storeOff) {
                        stores.add(new SupportAnalytics.PerStore(new StoreId(Rows.uuid(rs, "store_id")), metrics));
                    } else {
                        versions.add(new SupportAnalytics.PerVersion(
                                rs.getObject("agent_definition_id") == null
                                        ? null
                                        : new io.supportagent.platform.AgentDefinitionId(
                                                Rows.uuid(rs, "agent_definition_id")),
                                rs.getString("type"),
                                rs.getString("version"),
                                metrics));
                    }
                    return row;
                })
                .list();
        return new SupportAnalytics(from, to, total[0], List.copyOf(stores), List.copyOf(versions));
    }

    private static String prefixed(String alias) {
        return java.util.Arrays.stream(COLUMNS.split(","))
                .map(c -> alias + "." + c.strip())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Conversations of one mode started in {@code [from, to)}, counted per calendar day in {@code zone}. */
    java.util.Map<java.time.LocalDate, Integer> countsByDay(
            OrganizationId org, boolean livemode, java.time.Instant from, java.time.Instant to, java.time.ZoneId zone) {
        java.util.Map<java.time.LocalDate, Integer> counts = new java.util.TreeMap<>();
        jdbc.sql("""
                        SELECT CAST((created_at AT TIME ZONE :zone) AS date) AS day, count(*) AS conversations
                          FROM conversations
                         WHERE organization_id = :org AND livemode = :livemode
                           AND created_at >= :from AND created_at < :to
                         GROUP BY 1""")
                .param("org", org.value())
                .param("livemode", livemode)
                .param("zone", zone.getId())
                .param("from", java.sql.Timestamp.from(from))
                .param("to", java.sql.Timestamp.from(to))
                .query((rs, row) ->
                        counts.put(rs.getObject("day", java.time.LocalDate.class), rs.getInt("conversations")))
                .list();
        return counts;
    }
}
