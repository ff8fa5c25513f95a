package io.supportagent.conversations;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.BackgroundJobs;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.platform.db.Rows;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives claimed conversations back to the queue when the shopper has waited too long for the person who took them
 * ({@link InboxSettings#claimTimeout}), as Chatwoot's and Intercom's auto-unassign do: someone who claimed and left
 * must not keep a shopper waiting unseen. The shopper waits from their oldest message that nobody from the team has
 * answered yet, or from the claim when that came later; a conversation whose shopper has had the last word answered
 * is not waiting, however old the claim. The transcript says who it was taken from and why (a system message, seen by
 * the team only), and every open inbox hears of it ({@code assigned}, as for any change of assignee).
 *
 * Integrations hear {@code conversation.unassigned} (reason {@code claim_expired}).
 *
 * <p>A background job on every node: the stale claims are read across organizations (the platform role), and each is
 * released in its organization's own transaction (its row security), with its note and its event, together or not at
 * all. A claim, reply or resolution that touched the conversation meanwhile wins (the row's {@code updated_at} must be
 * the one that was read), so two nodes never release twice. A run that fails (the database away) leaves everything
 * for the next one.
 */
@Component
class StaleClaims {

    static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(StaleClaims.class);

    private final PlatformJdbc platform;
    private final Conversations conversations;
    private final Messages messages;
    private final ConversationService service;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Duration timeout;

    StaleClaims(
            PlatformJdbc platform,
            Conversations conversations,
            Messages messages,
            ConversationService service,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            InboxSettings settings,
            BackgroundJobs jobs) {
        this.platform = platform;
        this.conversations = conversations;
        this.messages = messages;
        this.service = service;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.timeout = settings.claimTimeout();
        if (timeout.isPositive()) {
            jobs.schedule("inbox-stale-claims", settings.releaseInterval(), this::releaseAll);
        }
    }

    /** Releases every stale claim, a batch at a time; answers how many went back to the queue. */
    int releaseAll() {
        int total = 0;
        List<Stale> batch;
        int released;
        do {
            batch = staleBatch();
            released = 0;
            for (Stale s : batch) {
                if (Boolean.TRUE.equals(
                        TenantContext.callAs(s.tenant(), () -> transactions.execute(tx -> release(s))))) {
                    released++;
                }
            }
            total += released;
        } while (batch.size() == BATCH && released > 0);
        if (total > 0) {
            log.info("Gave {} conversations back to the inbox queue: nobody replied for {}", total, timeout);
        }
        return total;
    }

    /** Claims whose shopper has waited too long, across organizations (the platform role). */
    private List<Stale> staleBatch() {
        return platform.jdbc()
                .sql("""
                        SELECT c.organization_id, c.livemode, c.id, c.updated_at, c.assignee_account_id, c.assignee_name
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
                         LIMIT :batch""")
                .param("seconds", timeout.toSeconds())
                .param("batch", BATCH)
                .query((rs, row) -> new Stale(
                        new Tenant(new OrganizationId(Rows.uuid(rs, "organization_id")), rs.getBoolean("livemode")),
                        new ConversationId(Rows.uuid(rs, "id")),
                        rs.getTimestamp("updated_at").toInstant(),
                        new Teammate(
                                new AccountId(Rows.uuid(rs, "assignee_account_id")), rs.getString("assignee_name"))))
                .list();
    }

    private record Stale(Tenant tenant, ConversationId id, Instant seen, Teammate assignee) {}

    /** In the organization's own transaction (its row security), with the note and the event. */
    private boolean release(Stale s) {
        OrganizationId org = s.tenant().organizationId();
        return conversations
                .release(org, s.tenant().livemode(), s.id(), s.seen())
                .map(now -> {
                    messages.insert(
                            org,
                            s.id(),
                            "system",
                            "Back in the queue: "
                                    + (s.assignee().name() == null
                                            ? "the person who took it"
                                            : s.assignee().name())
                                    + " had not replied for " + readable(timeout)
                                    + " while the shopper waited.",
                            null);
                    events.publishEvent(new ConversationUnassigned(now, s.assignee(), "claim_expired"));
                    service.broadcast(now, "assigned");
                    return true;
                })
                .orElse(false);
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
