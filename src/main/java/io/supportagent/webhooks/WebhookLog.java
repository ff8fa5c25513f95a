package io.supportagent.webhooks;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.Params;
import io.supportagent.platform.db.Rows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant's delivery log and its endpoints' on/off switch, under its row-level security. */
@Repository
class WebhookLog {

    private static final String COLUMNS = "d.id, d.endpoint_id, d.event_id, d.event_type, d.status, d.attempts,"
            + " d.last_status_code, d.last_error, d.next_attempt_at, d.delivered_at, d.created_at, d.payload,"
            + " d.last_response, d.last_duration_ms";

    private final JdbcClient jdbc;

    WebhookLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An endpoint's deliveries, newest first, optionally of one status and one event type, after the cursor one. */
    List<WebhookDelivery> deliveries(
            OrganizationId org, UUID endpoint, String status, String eventType, int limit, UUID startingAfter) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM webhook_deliveries d
                        WHERE d.organization_id = :org AND d.endpoint_id = :endpoint
                          AND (CAST(:status AS text) IS NULL OR d.status = CAST(:status AS text))
                          AND (CAST(:type AS text) IS NULL OR d.event_type = CAST(:type AS text))
                          AND (CAST(:after AS uuid) IS NULL OR (d.created_at, d.id) < (
                               SELECT created_at, id FROM webhook_deliveries
                                WHERE organization_id = :org AND endpoint_id = :endpoint AND id = CAST(:after AS uuid)))
                        ORDER BY d.created_at DESC, d.id DESC
                        LIMIT :limit""")
                .param("org", org.value())
                .param("endpoint", endpoint)
                .param("status", Params.text(status))
                .param("type", Params.text(eventType))
                .param("after", Params.uuid(startingAfter))
                .param("limit", limit)
                .query(WebhookLog::delivery)
                .list();
    }

    /** One delivery of the tenant's endpoint, or empty when there is no such delivery. */
    Optional<WebhookDelivery> delivery(OrganizationId org, UUID endpoint, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM webhook_deliveries d
                        WHERE d.organization_id = :org AND d.endpoint_id = :endpoint AND d.id = :id""")
                .param("org", org.value())
                .param("endpoint", endpoint)
                .param("id", id)
                .query(WebhookLog::delivery)
                .optional();
    }

    /** A delivery's attempts, newest first. */
    List<WebhookDeliveryAttempt> attempts(OrganizationId org, UUID delivery) {
        return jdbc.sql("""
                        SELECT attempt, attempted_at, status_code, error, response, duration_ms
                          FROM webhook_delivery_attempts
                         WHERE organization_id = :org AND delivery_id = :delivery
                         ORDER BY attempt DESC""")
                .param("org", org.value())
                .param("delivery", delivery)
                .query((rs, row) -> new WebhookDeliveryAttempt(
                        rs.getInt("attempt"),
                        Rows.instant(rs, "attempted_at"),
                        (Integer) rs.getObject("status_code"),
                        rs.getString("error"),
                        rs.getString("response"),
                        (Integer) rs.getObject("duration_ms")))
                .list();
    }

    private static WebhookDelivery delivery(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new WebhookDelivery(
                Rows.uuid(rs, "id"),
                Rows.uuid(rs, "endpoint_id"),
                Rows.uuid(rs, "event_id"),
                rs.getString("event_type"),
                rs.getString("status"),
                rs.getInt("attempts"),
                (Integer) rs.getObject("last_status_code"),
                rs.getString("last_error"),
                Rows.instant(rs, "next_attempt_at"),
                Rows.instant(rs, "delivered_at"),
                Rows.instant(rs, "created_at"),
                rs.getString("payload"),
                rs.getString("last_response"),
                (Integer) rs.getObject("last_duration_ms"));
    }

    /**
     * Queues a delivery of an endpoint again, to be sent at {@code now} by the worker: one more attempt of the same
     * event (same id, same signed payload, so receivers can tell it is a repeat). False when there is no such delivery.
     */
    boolean resend(OrganizationId org, UUID endpoint, UUID delivery, Instant now) {
        return jdbc.sql("""
                        UPDATE webhook_deliveries
                           SET status = 'pending', next_attempt_at = :now, delivered_at = NULL
                         WHERE organization_id = :org AND endpoint_id = :endpoint AND id = :id""")
                        .param("org", org.value())
                        .param("endpoint", endpoint)
                        .param("id", delivery)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Disables (at {@code at}) or enables (null) an endpoint; false when it is not the tenant's in that mode. */
    boolean setDisabled(OrganizationId org, boolean livemode, UUID endpoint, Instant at) {
        return jdbc.sql("""
                        UPDATE webhook_endpoints SET disabled_at = CAST(:at AS timestamptz)
                         WHERE organization_id = :org AND livemode = :livemode AND id = :id""")
                        .param("org", org.value())
                        .param("livemode", livemode)
                        .param("id", endpoint)
                        .param("at", at == null ? null : Timestamp.from(at))
                        .update()
                == 1;
    }

    /** When each of the tenant's disabled endpoints of the mode was disabled. */
    Map<UUID, Instant> disabled(OrganizationId org, boolean livemode) {
        return jdbc
                .sql("""
                        SELECT id, disabled_at FROM webhook_endpoints
                         WHERE organization_id = :org AND livemode = :livemode AND disabled_at IS NOT NULL""")
                .param("org", org.value())
                .param("livemode", livemode)
                .query((rs, row) -> Map.entry(Rows.uuid(rs, "id"), Rows.instant(rs, "disabled_at")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The share of an endpoint's deliveries since {@code since} that were delivered, or empty without any. */
    Optional<double[]> outcomesSince(OrganizationId org, UUID endpoint, Instant since) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE status = 'delivered') AS delivered, count(*) AS total
                          FROM webhook_deliveries
                         WHERE organization_id = :org AND endpoint_id = :endpoint AND created_at >= :since""")
                .param("org", org.value())
                .param("endpoint", endpoint)
                .param("since", Timestamp.from(since))
                .query((rs, row) -> new double[] {rs.getLong("delivered"), rs.getLong("total")})
                .optional()
                .filter(counts -> counts[1] > 0);
    }
}
