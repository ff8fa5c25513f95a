package io.supportagent.webhooks;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.platform.db.Rows;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Operator work: webhook delivery health across organizations, so that failing endpoints are seen before their
 * organizations complain. Read as the platform role from the deliveries outbox; nothing here changes a delivery.
 */
@Service
public class WebhookHealth {

    private final PlatformJdbc platform;
    private final Clock clock;

    WebhookHealth(PlatformJdbc platform, Clock clock) {
        this.platform = platform;
        this.clock = clock;
    }

    /**
     * Every endpoint with deliveries for events of the last {@code window}, the failing ones first (most failures
     * first), then the rest by organization; at most {@code limit}.
     */
    public List<EndpointHealth> endpoints(Duration window, int limit) {
        return platform.jdbc()
                .sql("""
                        SELECT e.id, e.organization_id, o.name AS organization_name, e.livemode, e.url,
                               count(*) FILTER (WHERE d.status = 'delivered') AS delivered,
                               count(*) FILTER (WHERE d.status = 'failed') AS failed,
                               count(*) FILTER (WHERE d.status = 'pending' AND d.attempts > 0) AS retrying,
                               count(*) FILTER (WHERE d.status = 'pending' AND d.attempts = 0) AS waiting,
                               max(d.delivered_at) AS last_delivered_at,
                               (array_agg(d.last_status_code ORDER BY d.created_at DESC)
                                   FILTER (WHERE d.status <> 'delivered' AND d.attempts > 0))[1] AS last_failure_status,
                               (array_agg(d.last_error ORDER BY d.created_at DESC)
                                   FILTER (WHERE d.status <> 'delivered' AND d.attempts > 0))[1] AS last_failure_error,
                               max(d.created_at) FILTER (WHERE d.status <> 'delivered' AND d.attempts > 0)
                                   AS last_failure_event_at
                          FROM webhook_deliveries d
                          JOIN webhook_endpoints e ON e.organization_id = d.organization_id AND e.id = d.endpoint_id
                          JOIN organizations o ON o.id = d.organization_id
                         WHERE d.created_at >= :since
                         GROUP BY e.id, e.organization_id, o.name, e.livemode, e.url
                         ORDER BY count(*) FILTER (WHERE d.status = 'failed'
                                                     OR (d.status = 'pending' AND d.attempts > 0)) DESC,
                                  o.name, e.url, e.id
                         LIMIT :limit""")
                .param("since", Timestamp.from(clock.instant().minus(window)))
                .param("limit", limit)
                .query((rs, row) -> new EndpointHealth(
                        Rows.uuid(rs, "id"),
                        new OrganizationId(Rows.uuid(rs, "organization_id")),
                        rs.getString("organization_name"),
                        rs.getBoolean("livemode"),
                        rs.getString("url"),
                        rs.getInt("delivered"),
                        rs.getInt("failed"),
                        rs.getInt("retrying"),
                        rs.getInt("waiting"),
                        Rows.instant(rs, "last_delivered_at"),
                        (Integer) rs.getObject("last_failure_status"),
                        rs.getString("last_failure_error"),
                        Rows.instant(rs, "last_failure_event_at")))
                .list();
    }
}
