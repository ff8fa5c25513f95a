package io.supportagent.members;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.PlatformJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Operator staff's read-only views of organizations ({@code operator_views}, a tenant table): read and written as the
 * platform role only, since the dashboard's chain checks a session's view on every request's way in, before any
 * tenant is known, and the console works across organizations.
 */
@Repository
class OrganizationViews {

    private static final String COLUMNS =
            "id, account_id, operator_email, organization_id, reason, started_at, ends_at," + " ended_at, ended_how";

    private final PlatformJdbc platform;

    OrganizationViews(PlatformJdbc platform) {
        this.platform = platform;
    }

    void insert(JdbcClient platformTx, OrganizationView view) {
        platformTx
                .sql("INSERT INTO operator_views (" + COLUMNS + ") VALUES (:id, :account, :email, :org, :reason,"
                        + " :started, :ends, NULL, NULL)")
                .param("id", view.id())
                .param("account", view.accountId().value())
                .param("email", view.operatorEmail())
                .param("org", view.organizationId().value())
                .param("reason", view.reason())
                .param("started", Timestamp.from(view.startedAt()))
                .param("ends", Timestamp.from(view.endsAt()))
                .update();
    }

    /**
     * The view, while it runs for this account at {@code now} and the account is still staff allowed to view
     * organizations (a removal or a withdrawn grant ends it at the next request).
     */
    Optional<OrganizationView> running(OrganizationId org, UUID id, AccountId account, Instant now) {
        return platform.lookups()
                .sql("SELECT " + prefixed() + " FROM operator_views v JOIN operator_staff s"
                        + " ON s.account_id = v.account_id AND s.may_view_as_organization"
                        + " WHERE v.organization_id = :org AND v.id = :id AND v.account_id = :account"
                        + " AND v.ended_at IS NULL AND v.ends_at > :now")
                .param("org", org.value())
                .param("id", id)
                .param("account", account.value())
                .param("now", Timestamp.from(now))
                .query(OrganizationViews::view)
                .optional();
    }

    Optional<OrganizationView> find(OrganizationId org, UUID id) {
        return platform.jdbc()
                .sql("SELECT " + COLUMNS + " FROM operator_views WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .query(OrganizationViews::view)
                .optional();
    }

    /**
     * Ends a view that still runs: at {@code now}, or at its time limit if that passed ({@code expired}); empty when it
     * had ended already (so an end is recorded once).
     */
    Optional<OrganizationView> end(JdbcClient platformTx, OrganizationId org, UUID id, String how, Instant now) {
        return platformTx
                .sql("UPDATE operator_views SET ended_at = least(:now, ends_at),"
                        + " ended_how = CASE WHEN ends_at <= :now THEN 'expired' ELSE :how END"
                        + " WHERE organization_id = :org AND id = :id AND ended_at IS NULL RETURNING " + COLUMNS)
                .param("org", org.value())
                .param("id", id)
                .param("how", how)
                .param("now", Timestamp.from(now))
                .query(OrganizationViews::view)
                .optional();
    }

    /** The organization's views, newest first. */
    List<OrganizationView> recent(OrganizationId org, int limit) {
        return platform.jdbc()
                .sql("SELECT " + COLUMNS + " FROM operator_views WHERE organization_id = :org"
                        + " ORDER BY started_at DESC, id LIMIT :limit")
                .param("org", org.value())
                .param("limit", limit)
                .query(OrganizationViews::view)
                .list();
    }

    private static String prefixed() {
        return "v." + COLUMNS.replace(", ", ", v.");
    }

    private static OrganizationView view(ResultSet rs, int row) throws SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        return new OrganizationView(
                rs.getObject("id", UUID.class),
                new AccountId(rs.getObject("account_id", UUID.class)),
                rs.getString("operator_email"),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("reason"),
                rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(),
                ended == null ? null : ended.toInstant(),
                rs.getString("ended_how"));
    }
}
