package io.supportagent.webhooks;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.Rows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The outbox of events to deliver: written by the tenant's transaction, worked off by the platform role. */
@Repository
class WebhookDeliveries {

    private final JdbcClient jdbc;

    WebhookDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One delivery per enabled live (or test) endpoint of the organization, in the caller's transaction. */
    int enqueue(OrganizationId org, boolean livemode, UUID eventId, String type, String payload, Instant now) {
        return jdbc.sql("""
                        INSERT INTO webhook_deliveries (organization_id, endpoint_id, event_id, event_type, payload, next_attempt_at)
                        SELECT organization_id, id, :event, :type, :payload, :now
                          FROM webhook_endpoints
                         WHERE organization_id = :org AND livemode = :livemode AND disabled_at IS NULL
                           AND (enabled_events IS NULL OR :type = ANY (enabled_events))""")
                .param("org", org.value())
                .param("livemode", livemode)
                .param("event", eventId)
                .param("type", type)
                .param("payload", payload)
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * One delivery to this endpoint alone, whatever events it chose (a test event), in the caller's transaction; none
     * to a disabled endpoint (answers 0).
     */
    int enqueueTo(
            OrganizationId org,
            boolean livemode,
            UUID endpoint,
            UUID eventId,
            String type,
            String payload,
            Instant now) {
        return jdbc.sql("""
                        INSERT INTO webhook_deliveries (organization_id, endpoint_id, event_id, event_type, payload, next_attempt_at)
                        SELECT organization_id, id, :event, :type, :payload, :now
                          FROM webhook_endpoints
                         WHERE organization_id = :org AND livemode = :livemode AND id = :endpoint
                           AND disabled_at IS NULL""")
                .param("org", org.value())
                .param("livemode", livemode)
                .param("endpoint", endpoint)
                .param("event", eventId)
                .param("type", type)
                .param("payload", payload)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** A claimed delivery, with what it takes to send it. */
    /** @param previousSecret the secret before the endpoint's last roll while it still signs too; else null */
    record Due(
            UUID id,
            UUID eventId,
            String eventType,
            String payload,
            int attempt,
            String url,
            String secret,
            String previousSecret) {}

    /**
     * Claims due deliveries: other workers skip the locked rows, and the claim pushes {@code next_attempt_at} to
     * {@code leaseUntil}, so that a worker that dies while sending leaves the delivery to be retried after it.
     */
    List<Due> claim(JdbcClient platformTx, Instant now, Instant leaseUntil, int limit) {
        return platformTx
                .sql("""
                        WITH due AS (
                            SELECT id FROM webhook_deliveries
                             WHERE status = 'pending' AND next_attempt_at <= :now
                             ORDER BY next_attempt_at
                             LIMIT :limit
                             FOR UPDATE SKIP LOCKED)
                        UPDATE webhook_deliveries d
                           SET attempts = d.attempts + 1, next_attempt_at = :lease
                          FROM due, webhook_endpoints e
                         WHERE d.id = due.id AND e.organization_id = d.organization_id AND e.id = d.endpoint_id
                        RETURNING d.id, d.event_id, d.event_type, d.payload, d.attempts, e.url, e.secret,
                                  CASE WHEN e.previous_secret_expires_at > now() THEN e.previous_secret END
                                      AS previous_secret""")
                .param("now", Timestamp.from(now))
                .param("lease", Timestamp.from(leaseUntil))
                .param("limit", limit)
                .query((rs, row) -> new Due(
                        Rows.uuid(rs, "id"),
                        Rows.uuid(rs, "event_id"),
                        rs.getString("event_type"),
                        rs.getString("payload"),
                        rs.getInt("attempts"),
                        rs.getString("url"),
                        rs.getString("secret"),
                        rs.getString("previous_secret")))
                .list();
    }

    /** What the receiver answered to an attempt: the start of its body (null: none) and how long it took. */
    record Answer(Integer statusCode, String body, int millis) {}

    /**
     * The {@code attempt}-th attempt, begun at {@code attemptedAt}, was accepted: the delivery is delivered, and the
     * attempt joins its history. Both in the caller's transaction.
     */
    void delivered(JdbcClient platformTx, UUID id, int attempt, Instant attemptedAt, Answer answer, Instant at) {
        platformTx
                .sql("""
                        UPDATE webhook_deliveries
                           SET status = 'delivered', delivered_at = :at, last_status_code = :code, last_error = NULL,
                               last_response = :response, last_duration_ms = :millis
                         WHERE id = :id""")
                .param("id", id)
                .param("code", answer.statusCode())
                .param("response", answer.body())
                .param("millis", answer.millis())
                .param("at", Timestamp.from(at))
                .update();
        attempted(platformTx, id, attempt, attemptedAt, answer, null);
    }

    /**
     * The {@code attempt}-th attempt, begun at {@code attemptedAt}, failed: retried at {@code retryAt}, or given up
     * when that is null. The delivery changes only while that attempt is the latest and the delivery still pending:
     * an outcome recorded late (the database was away) must not undo a later attempt's. The attempt joins the
     * delivery's history either way, as it happened. Both in the caller's transaction.
     */
    void failed(
            JdbcClient platformTx,
            UUID id,
            int attempt,
            Instant attemptedAt,
            Answer answer,
            String error,
            Instant retryAt) {
        String why = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
        platformTx
                .sql("""
                        UPDATE webhook_deliveries
                           SET status = CASE WHEN CAST(:retry AS timestamptz) IS NULL THEN 'failed' ELSE 'pending' END,
                               next_attempt_at = coalesce(CAST(:retry AS timestamptz), next_attempt_at),
                               last_status_code = :code, last_error = :error,
                               last_response = :response, last_duration_ms = :millis
                         WHERE id = :id AND attempts = :attempt AND status = 'pending'""")
                .param("id", id)
                .param("attempt", attempt)
                .param("code", answer == null ? null : answer.statusCode())
                .param("response", answer == null ? null : answer.body())
                .param("millis", answer == null ? null : answer.millis())
                .param("error", why)
                .param("retry", retryAt == null ? null : Timestamp.from(retryAt))
                .update();
        attempted(platformTx, id, attempt, attemptedAt, answer, why);
    }

    /**
     * One row of the delivery's attempt history; none when the delivery is gone (its endpoint was deleted), and one
     * only when the outcome is recorded twice.
     */
    private static void attempted(
            JdbcClient platformTx, UUID id, int attempt, Instant attemptedAt, Answer answer, String error) {
        platformTx
                .sql("""
                        INSERT INTO webhook_delivery_attempts
                               (organization_id, delivery_id, attempt, attempted_at, status_code, error, response, duration_ms)
                        SELECT organization_id, id, :attempt, :at, :code, :error, :response, :millis
                          FROM webhook_deliveries
                         WHERE id = :id
                        ON CONFLICT (organization_id, delivery_id, attempt) DO NOTHING""")
                .param("id", id)
                .param("attempt", attempt)
                .param("at", Timestamp.from(attemptedAt))
                .param("code", answer == null ? null : answer.statusCode())
                .param("error", error)
                .param("response", answer == null ? null : answer.body())
                .param("millis", answer == null ? null : answer.millis())
                .update();
    }
}
