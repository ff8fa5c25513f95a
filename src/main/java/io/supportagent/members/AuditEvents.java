package io.supportagent.members;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.Params;
import io.supportagent.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit log: appended to in the action's transaction, read newest first under the tenant's row-level security. */
@Repository
class AuditEvents {

    private static final String COLUMNS = "id, organization_id, livemode, actor_type, actor_id, actor_label, action,"
            + " resource_type, resource_id, summary, details::text AS details, host(client_address) AS client_address,"
            + " created_at";

    private final JdbcClient jdbc;

    AuditEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends one event through {@code client} (the request pool's, or the platform role's for operator work). */
    void insert(JdbcClient client, AuditEvent e) {
        client.sql("""
                        INSERT INTO audit_events (organization_id, id, livemode, actor_type, actor_id, actor_label, action,
                                                  resource_type, resource_id, summary, details, client_address, created_at)
                        VALUES (:org, :id, :livemode, :actorType, :actorId, :actorLabel, :action, :resourceType,
                                :resourceId, :summary, CAST(:details AS jsonb), CAST(:address AS inet), :at)""")
                .param("org", e.organizationId().value())
                .param("id", e.id())
                .param("livemode", new SqlParameterValue(Types.BOOLEAN, e.livemode()))
                .param("actorType", e.actorType())
                .param("actorId", Params.text(e.actorId()))
                .param("actorLabel", e.actorLabel())
                .param("action", e.action())
                .param("resourceType", e.resourceType())
                .param("resourceId", Params.text(e.resourceId()))
                .param("summary", e.summary())
                .param("details", e.details())
                .param("address", Params.text(e.clientAddress()))
                .param("at", Timestamp.from(e.createdAt()))
                .update();
    }

    /**
     * The organization's events newest first, after the event {@code after}; {@code livemode} false shows only
     * test-mode events (a test key's view), null all of them.
     */
    List<AuditEvent> page(OrganizationId org, Boolean onlyLivemode, AuditFilter filter, int limit, UUID after) {
        String actionPrefix = filter.action() != null && filter.action().endsWith(".") ? filter.action() : null;
        String action = actionPrefix == null ? filter.action() : null;
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM audit_events
                        WHERE organization_id = :org
                          AND (CAST(:mode AS boolean) IS NULL OR livemode = CAST(:mode AS boolean))
                          AND (CAST(:action AS text) IS NULL OR action = :action)
                          AND (CAST(:prefix AS text) IS NULL OR starts_with(action, :prefix))
                          AND (CAST(:resourceType AS text) IS NULL OR resource_type = :resourceType)
                          AND (CAST(:resourceId AS text) IS NULL OR resource_id = :resourceId)
                          AND (CAST(:actorType AS text) IS NULL OR actor_type = :actorType)
                          AND (CAST(:actor AS text) IS NULL OR strpos(lower(actor_label), lower(:actor)) > 0)
                          AND (CAST(:since AS timestamptz) IS NULL OR created_at >= CAST(:since AS timestamptz))
                          AND (CAST(:until AS timestamptz) IS NULL OR created_at < CAST(:until AS timestamptz))
                          AND (CAST(:after AS uuid) IS NULL OR (created_at, id) < (
                               SELECT created_at, id FROM audit_events
                                WHERE organization_id = :org AND id = CAST(:after AS uuid)))
                        ORDER BY created_at DESC, id DESC
                        LIMIT :limit""")
                .param("org", org.value())
                .param("mode", Params.text(onlyLivemode == null ? null : onlyLivemode.toString()))
                .param("action", Params.text(action))
                .param("prefix", Params.text(actionPrefix))
                .param("resourceType", Params.text(filter.resourceType()))
                .param("resourceId", Params.text(filter.resourceId()))
                .param("actorType", Params.text(filter.actorType()))
                .param("actor", Params.text(filter.actor()))
                .param("since", Params.timestamp(filter.since()))
                .param("until", Params.timestamp(filter.until()))
                .param("after", Params.uuid(after))
                .param("limit", limit)
                .query(AuditEvents::map)
                .list();
    }

    private static AuditEvent map(ResultSet rs, int row) throws SQLException {
        boolean livemode = rs.getBoolean("livemode");
        Boolean mode = rs.wasNull() ? null : livemode;
        return new AuditEvent(
                Rows.uuid(rs, "id"),
                new OrganizationId(Rows.uuid(rs, "organization_id")),
                mode,
                rs.getString("actor_type"),
                rs.getString("actor_id"),
                rs.getString("actor_label"),
                rs.getString("action"),
                rs.getString("resource_type"),
                rs.getString("resource_id"),
                rs.getString("summary"),
                rs.getString("details"),
                rs.getString("client_address"),
                Rows.instant(rs, "created_at"));
    }
}
