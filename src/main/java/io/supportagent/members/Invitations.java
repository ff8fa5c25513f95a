package io.supportagent.members;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.Params;
import io.supportagent.platform.db.Rows;
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
 * Invitations of the organization in context. Callers pass the client of the pool the work belongs to: the request
 * pool under the organization's row-level security, or the platform role's for the operator's owner invitation.
 */
@Repository
class Invitations {

    private static final String COLUMNS =
            "id, organization_id, email, role, created_at, sent_at, expires_at, accepted_at, revoked_at";

    /**
     * A new invitation, or a new link for the open one of the same email (its role updated): the old link stops
     * working, since only the new token's hash is kept.
     */
    Invitation upsert(
            JdbcClient jdbc,
            OrganizationId org,
            String email,
            MemberRole role,
            byte[] tokenHash,
            AccountId invitedBy,
            Instant now,
            Instant expiresAt) {
        return jdbc.sql("""
                        INSERT INTO member_invitations
                               (organization_id, email, role, token_hash, invited_by, created_at, sent_at, expires_at)
                        VALUES (:org, :email, :role, :hash, CAST(:by AS uuid), :now, :now, :expires)
                        ON CONFLICT (organization_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL
                        DO UPDATE SET role = excluded.role, token_hash = excluded.token_hash,
                                      invited_by = excluded.invited_by, sent_at = excluded.sent_at,
                                      expires_at = excluded.expires_at
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("email", email)
                .param("role", role.code())
                .param("hash", tokenHash)
                .param("by", Params.id(invitedBy))
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expiresAt))
                .query(Invitations::map)
                .single();
    }

    /** A new link for an open invitation (also an expired one); empty when it is not open. */
    Optional<Invitation> renew(
            JdbcClient jdbc, OrganizationId org, UUID id, byte[] tokenHash, Instant now, Instant expiresAt) {
        return jdbc.sql("""
                        UPDATE member_invitations SET token_hash = :hash, sent_at = :now, expires_at = :expires
                         WHERE organization_id = :org AND id = :id AND accepted_at IS NULL AND revoked_at IS NULL
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("id", id)
                .param("hash", tokenHash)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expiresAt))
                .query(Invitations::map)
                .optional();
    }

    Optional<Invitation> find(JdbcClient jdbc, OrganizationId org, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM member_invitations WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id)
                .query(Invitations::map)
                .optional();
    }

    /** The invitation a link's token opens, locked until the transaction ends (accepting it happens once). */
    Optional<Invitation> lockByToken(JdbcClient jdbc, OrganizationId org, byte[] tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM member_invitations WHERE organization_id = :org AND token_hash = :hash FOR UPDATE")
                .param("org", org.value())
                .param("hash", tokenHash)
                .query(Invitations::map)
                .optional();
    }

    Optional<Invitation> findByToken(JdbcClient jdbc, OrganizationId org, byte[] tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM member_invitations WHERE organization_id = :org AND token_hash = :hash")
                .param("org", org.value())
                .param("hash", tokenHash)
                .query(Invitations::map)
                .optional();
    }

    /** The open invitations, and those closed in the last 30 days, newest first. */
    List<Invitation> recent(JdbcClient jdbc, OrganizationId org, Instant since) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM member_invitations
                        WHERE organization_id = :org
                          AND ((accepted_at IS NULL AND revoked_at IS NULL) OR created_at >= :since)
                        ORDER BY created_at DESC, id DESC
                        LIMIT 200""")
                .param("org", org.value())
                .param("since", Timestamp.from(since))
                .query(Invitations::map)
                .list();
    }

    void accepted(JdbcClient jdbc, OrganizationId org, UUID id, AccountId by, Instant now) {
        jdbc.sql("""
                        UPDATE member_invitations SET accepted_at = :now, accepted_by = :by
                         WHERE organization_id = :org AND id = :id""")
                .param("org", org.value())
                .param("id", id)
                .param("by", by.value())
                .param("now", Timestamp.from(now))
                .update();
    }

    boolean revoke(JdbcClient jdbc, OrganizationId org, UUID id, Instant now) {
        return jdbc.sql("""
                        UPDATE member_invitations SET revoked_at = :now
                         WHERE organization_id = :org AND id = :id AND accepted_at IS NULL AND revoked_at IS NULL""")
                        .param("org", org.value())
                        .param("id", id)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    private static Invitation map(ResultSet rs, int row) throws SQLException {
        return new Invitation(
                Rows.uuid(rs, "id"),
                new OrganizationId(Rows.uuid(rs, "organization_id")),
                rs.getString("email"),
                MemberRole.of(rs.getString("role")).orElseThrow(),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "sent_at"),
                Rows.instant(rs, "expires_at"),
                Rows.instant(rs, "accepted_at"),
                Rows.instant(rs, "revoked_at"));
    }
}
