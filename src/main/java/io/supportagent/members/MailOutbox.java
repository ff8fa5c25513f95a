package io.supportagent.members;

import io.supportagent.platform.db.Rows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Mail waiting to be sent: added in the transaction that made its link (the request role may only add), claimed,
 * sent and marked by the worker as the platform role. A body may hold a one-time link, so it is cleared once the
 * mail is sent or given up.
 */
@Repository
class MailOutbox {

    /** A mail to send, with its attempt number. */
    record Due(UUID id, String recipient, String subject, String body, int attempt) {
        @Override
        public String toString() {
            return "Due[" + id + ", attempt " + attempt + "]";
        }
    }

    /** Adds a mail, in the transaction of {@code jdbc} (the request pool's or the platform role's). */
    void add(JdbcClient jdbc, String recipient, String subject, String body, Instant now) {
        jdbc.sql("""
                        INSERT INTO mail_outbox (recipient, subject, body, created_at, next_attempt_at)
                        VALUES (:to, :subject, :body, :now, :now)""")
                .param("to", recipient)
                .param("subject", subject)
                .param("body", body)
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Claims due mail: other workers skip the locked rows, and the claim pushes {@code next_attempt_at} to
     * {@code leaseUntil}, so a worker that dies while sending leaves the mail to be tried again after it.
     */
    List<Due> claim(JdbcClient platformTx, Instant now, Instant leaseUntil, int limit) {
        return platformTx
                .sql("""
                        WITH due AS (
                            SELECT id FROM mail_outbox
                             WHERE status = 'pending' AND next_attempt_at <= :now
                             ORDER BY next_attempt_at
                             LIMIT :limit
                             FOR UPDATE SKIP LOCKED)
                        UPDATE mail_outbox m SET attempts = m.attempts + 1, next_attempt_at = :lease
                          FROM due WHERE m.id = due.id
                        RETURNING m.id, m.recipient, m.subject, m.body, m.attempts""")
                .param("now", Timestamp.from(now))
                .param("lease", Timestamp.from(leaseUntil))
                .param("limit", limit)
                .query((rs, row) -> new Due(
                        Rows.uuid(rs, "id"),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body"),
                        rs.getInt("attempts")))
                .list();
    }

    void sent(JdbcClient platform, UUID id, Instant at) {
        platform.sql("""
                        UPDATE mail_outbox SET status = 'sent', sent_at = :at, body = NULL, last_error = NULL
                         WHERE id = :id""").param("id", id).param("at", Timestamp.from(at)).update();
    }

    /** A failed attempt: tried again at {@code retryAt}, or given up (and its body cleared) when that is null. */
    void failed(JdbcClient platform, UUID id, String error, Instant retryAt) {
        platform.sql("""
                        UPDATE mail_outbox
                           SET status = CASE WHEN CAST(:retry AS timestamptz) IS NULL THEN 'failed' ELSE 'pending' END,
                               body = CASE WHEN CAST(:retry AS timestamptz) IS NULL THEN NULL ELSE body END,
                               next_attempt_at = coalesce(CAST(:retry AS timestamptz), next_attempt_at),
                               last_error = :error
                         WHERE id = :id""")
                .param("id", id)
                .param("error", error.length() > 500 ? error.substring(0, 500) : error)
                .param("retry", retryAt == null ? null : Timestamp.from(retryAt))
                .update();
    }
}
