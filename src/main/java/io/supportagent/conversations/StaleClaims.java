package io.supportagent.conversations;

import io.supportagent.platform.BackgroundJobs;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.changes.Change;
import io.supportagent.platform.changes.ChangeNotifications;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.platform.db.Rows;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives claimed conversations back to the queue when the shopper has waited too long for the person who took them
 * ({@link InboxSettings#claimTimeout}), as Chatwoot's and Intercom's auto-unassign do: someone who claimed and left
 * must not keep a shopper waiting unseen. The shopper waits from their oldest message that nobody from the team has
 * answered yet, or from the claim when that came later; a conversation whose shopper has had the last word answered
 * is not waiting, however old the claim. The transcript says who it was taken from and why (a system message, seen by
 * the team only), and every open inbox hears of it ({@code assigned}, as for any change of assignee).
 *
 * <p>A background job on every node, across organizations (the platform role). One statement per batch: the release
 * and its note commit together or not at all, and a claim, reply or resolution that touched the conversation
 * meanwhile wins (the row's {@code updated_at} must be the one that was read), so two nodes never release twice. A
 * run that fails (the database away) leaves everything for the next one.
 */
@Component
class StaleClaims {

    static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(StaleClaims.class);

    private final PlatformJdbc platform;
    private final ChangeNotifications changes;
    private final Duration timeout;

    StaleClaims(PlatformJdbc platform, ChangeNotifications changes, InboxSettings settings, BackgroundJobs jobs) {
        this.platform = platform;
        this.changes = changes;
        this.timeout = settings.claimTimeout();
        if (timeout.isPositive()) {
            jobs.schedule("inbox-stale-claims", settings.releaseInterval(), this::releaseAll);
        }
    }

    /** Releases every stale claim, a batch at a time; answers how many went back to the queue. */
    int releaseAll() {
        int total = 0;
        int released;
        do {
            released = releaseBatch();
            total += released;
        } while (released == BATCH);
        if (total > 0) {
            log.info("Gave {} conversations back to the inbox queue: nobody replied for {}", total, timeout);
        }
        return total;
    }

    private int releaseBatch() {
        List<Change.Conversation> released = platform.jdbc()
                .sql("""
                        WITH stale AS (
                            SELECT c.organization_id, c.id, c.updated_at, c.assignee_name
                              FROM conversations c
                             CROSS JOIN LATERAL (
                                   SELECT max(h.created_at) AS at FROM messages h
                                    WHERE h.organization_id = c.organization_id AND h.conversation_id = c.id
                                      AND h.role = 'human_agent') replied
                             CROSS JOIN LATERAL (
                                   SELECT min(m.created_at) AS at FROM messages m
                                    WHERE m.organization_id = c.organization_id AND m.conversation_id = c.id
                                      AND m.role = 'customer' AND m.created_at > coalesce(replied.at, '-infinity')) unanswered
                             WHERE c.status = 'handed_off' AND c.assignee_account_id IS NOT NULL
                               AND unanswered.at IS NOT NULL
                               AND greatest(c.assigned_at, unanswered.at) < now() - :seconds * interval '1 second'
                             ORDER BY c.assigned_at
                             LIMIT :batch),
                        released AS (
                            UPDATE conversations c
                               SET assignee_account_id = NULL, assignee_name = NULL, assigned_at = NULL,
                                   updated_at = now()
                              FROM stale s
                             WHERE c.organization_id = s.organization_id AND c.id = s.id
                               AND c.updated_at = s.updated_at AND c.status = 'handed_off'
                            RETURNING c.organization_id, c.id, c.livemode, s.assignee_name),
                        noted AS (
                            INSERT INTO messages (organization_id, conversation_id, role, content, citations, created_at)
                            SELECT organization_id, id, 'system',
                                   'Back in the queue: ' || coalesce(assignee_name, 'the person who took it')
                                       || ' had not replied for ' || :waited || ' while the shopper waited.',
                                   '[]'::jsonb, clock_timestamp()
                              FROM released)
                        SELECT organization_id, id, livemode FROM released""")
                .param("seconds", timeout.toSeconds())
                .param("batch", BATCH)
                .param("waited", readable(timeout))
                .query((rs, row) -> new Change.Conversation(
                        new OrganizationId(Rows.uuid(rs, "organization_id")),
                        new ConversationId(Rows.uuid(rs, "id")),
                        rs.getBoolean("livemode"),
                        "assigned"))
                .list();
        // On PostgreSQL the database's trigger told every node at commit; on Redis this does.
        released.forEach(changes::broadcast);
        return released.size();
    }

    /** "15 min", "1 h 30 min", "45 s". */
    static String readable(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        return seconds / 3600 + " h" + (seconds % 3600 >= 60 ? " " + seconds % 3600 / 60 + " min" : "");
    }
}
