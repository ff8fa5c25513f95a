package io.supportagent.webhooks;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.Params;
import io.supportagent.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Webhook endpoints of the tenant in context, in its mode. */
@Repository
class WebhookEndpoints {

    static final String COLUMNS = "id, organization_id, livemode, url, description, secret, created_at, enabled_events,"
            + " CASE WHEN previous_secret_expires_at > now() THEN previous_secret_expires_at END"
            + " AS previous_secret_expires_at";
    static final RowMapper<WebhookEndpoint> MAPPER = WebhookEndpoints::map;

    private final JdbcClient jdbc;

    WebhookEndpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    WebhookEndpoint insert(
            OrganizationId org,
            boolean livemode,
            String url,
            String description,
            String secret,
            List<String> enabledEvents) {
        return jdbc.sql("""
                        INSERT INTO webhook_endpoints (organization_id, livemode, url, description, secret, enabled_events)
                        VALUES (:org, :livemode, :url, :description, :secret, CAST(:events AS text[]))
                        RETURNING """ + " " + COLUMNS)
                .param("events", Params.text(array(enabledEvents)))
                .param("org", org.value())
                .param("livemode", livemode)
                .param("url", url)
                .param("description", description)
                .param("secret", secret)
                .query(MAPPER)
                .single();
    }

    /**
     * The tenant's endpoints of the mode, newest first, after the cursor one. A cursor that is not one of them
     * (unknown, another organization's, the other mode's) finds no row to start after: an empty page.
     */
    List<WebhookEndpoint> list(OrganizationId org, boolean livemode, int limit, UUID startingAfter) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM webhook_endpoints
                        WHERE organization_id = :org AND livemode = :livemode
                          AND (CAST(:after AS uuid) IS NULL OR (created_at, id) < (
                               SELECT created_at, id FROM webhook_endpoints
                                WHERE organization_id = :org AND livemode = :livemode AND id = CAST(:after AS uuid)))
                        ORDER BY created_at DESC, id DESC
                        LIMIT :limit""")
                .param("org", org.value())
                .param("livemode", livemode)
                .param("after", Params.uuid(startingAfter))
                .param("limit", limit)
                .query(MAPPER)
                .list();
    }

    int count(OrganizationId org, boolean livemode) {
        return jdbc.sql("SELECT count(*) FROM webhook_endpoints WHERE organization_id = :org AND livemode = :livemode")
                .param("org", org.value())
                .param("livemode", livemode)
                .query(Integer.class)
                .single();
    }

    Optional<WebhookEndpoint> find(OrganizationId org, boolean livemode, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM webhook_endpoints WHERE organization_id = :org AND livemode = :livemode AND id = :id")
                .param("org", org.value())
                .param("livemode", livemode)
                .param("id", id)
                .query(MAPPER)
                .optional();
    }

    /** Changes what is given (null leaves it); {@code allEvents} sets the endpoint back to every event. */
    Optional<WebhookEndpoint> update(
            OrganizationId org,
            boolean livemode,
            UUID id,
            String description,
            List<String> enabledEvents,
            boolean allEvents) {
        return jdbc.sql("""
                        UPDATE webhook_endpoints
                           SET description = coalesce(CAST(:description AS text), description),
                               enabled_events = CASE WHEN :all THEN NULL
                                                     ELSE coalesce(CAST(:events AS text[]), enabled_events) END
                         WHERE organization_id = :org AND livemode = :livemode AND id = :id
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("livemode", livemode)
                .param("id", id)
                .param("description", Params.text(description))
                .param("events", Params.text(array(enabledEvents)))
                .param("all", allEvents)
                .query(MAPPER)
                .optional();
    }

    /**
     * A new signing secret; the one it replaces signs too for {@code keepPrevious} more (zero: it stops now). A
     * secret kept from an earlier roll stops.
     */
    Optional<WebhookEndpoint> rollSecret(
            OrganizationId org, boolean livemode, UUID id, String secret, Duration keepPrevious) {
        return jdbc.sql("""
                        UPDATE webhook_endpoints
                           SET previous_secret = CASE WHEN :keep > 0 THEN secret END,
                               previous_secret_expires_at = CASE WHEN :keep > 0
                                                                 THEN now() + :keep * interval '1 second' END,
                               secret = :secret
                         WHERE organization_id = :org AND livemode = :livemode AND id = :id
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("livemode", livemode)
                .param("id", id)
                .param("secret", secret)
                .param("keep", keepPrevious.toSeconds())
                .query(MAPPER)
                .optional();
    }

    /** A text[] literal of event types (names of [a-z._] only, checked before). */
    private static String array(List<String> events) {
        return events == null ? null : "{" + String.join(",", events) + "}";
    }

    boolean delete(OrganizationId org, boolean livemode, UUID id) {
        return jdbc.sql(
                                "DELETE FROM webhook_endpoints WHERE organization_id = :org AND livemode = :livemode AND id = :id")
                        .param("org", org.value())
                        .param("livemode", livemode)
                        .param("id", id)
                        .update()
                > 0;
    }

    private static WebhookEndpoint map(ResultSet rs, int row) throws SQLException {
        return new WebhookEndpoint(
                Rows.uuid(rs, "id"),
                new OrganizationId(Rows.uuid(rs, "organization_id")),
                rs.getBoolean("livemode"),
                rs.getString("url"),
                rs.getString("description"),
                rs.getString("secret"),
                Rows.instant(rs, "created_at"),
                rs.getArray("enabled_events") == null
                        ? null
                        : List.of((String[]) rs.getArray("enabled_events").getArray()),
                Rows.instant(rs, "previous_secret_expires_at"));
    }
}
