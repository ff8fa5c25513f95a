package io.supportagent.members;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Memberships of the organization in context (request pool, row-level security), and one person's memberships of
 * every organization (the platform role's client, passed in: the only cross-tenant read).
 */
@Repository
class Memberships {

    private final JdbcClient jdbc;

    Memberships(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The organization's members, owners first, then by name. */
    List<Member> list(OrganizationId org) {
        return jdbc.sql("""
                        SELECT a.id, a.email, a.name, m.role, m.created_at, a.last_sign_in_at,
                               t.enabled_at IS NOT NULL AS two_factor
                          FROM memberships m JOIN accounts a ON a.id = m.account_id
                          LEFT JOIN account_two_factor t ON t.account_id = a.id
                         WHERE m.organization_id = :org
                         ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, a.name, a.email""")
                .param("org", org.value())
                .query(Memberships::member)
                .list();
    }

    Optional<Member> find(OrganizationId org, AccountId account) {
        return jdbc.sql("""
                        SELECT a.id, a.email, a.name, m.role, m.created_at, a.last_sign_in_at,
                               t.enabled_at IS NOT NULL AS two_factor
                          FROM memberships m JOIN accounts a ON a.id = m.account_id
                          LEFT JOIN account_two_factor t ON t.account_id = a.id
                         WHERE m.organization_id = :org AND m.account_id = :account""")
                .param("org", org.value())
                .param("account", account.value())
                .query(Memberships::member)
                .optional();
    }

    /** Adds the person; answers false when they were a member already (their role stays). */
    boolean insert(OrganizationId org, AccountId account, MemberRole role, Instant now) {
        return jdbc.sql("""
                        INSERT INTO memberships (organization_id, account_id, role, created_at, updated_at)
                        VALUES (:org, :account, :role, :now, :now)
                        ON CONFLICT (organization_id, account_id) DO NOTHING""")
                        .param("org", org.value())
                        .param("account", account.value())
                        .param("role", role.code())
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    void changeRole(OrganizationId org, AccountId account, MemberRole role, Instant now) {
        jdbc.sql("""
                        UPDATE memberships SET role = :role, updated_at = :now
                         WHERE organization_id = :org AND account_id = :account""")
                .param("org", org.value())
                .param("account", account.value())
                .param("role", role.code())
                .param("now", Timestamp.from(now))
                .update();
    }

    void delete(OrganizationId org, AccountId account) {
        jdbc.sql("DELETE FROM memberships WHERE organization_id = :org AND account_id = :account")
                .param("org", org.value())
                .param("account", account.value())
                .update();
    }

    /**
     * The organization's owners, locked until the transaction ends: two changes that would each leave one owner
     * take turns, and the second sees the first's result, so an organization never ends up without one.
     */
    List<AccountId> lockOwners(OrganizationId org) {
        return jdbc.sql("""
                        SELECT account_id FROM memberships
                         WHERE organization_id = :org AND role = 'owner'
                         FOR UPDATE""")
                .param("org", org.value())
                .query((rs, row) -> new AccountId(Rows.uuid(rs, "account_id")))
                .list();
    }

    /** Every organization the person belongs to: only ever called with the platform role's client. */
    List<Membership> ofAccount(JdbcClient platform, AccountId account) {
        return platform.sql("""
                        SELECT m.organization_id, m.role, coalesce(p.require_two_factor, false) AS requires_two_factor
                          FROM memberships m
                          LEFT JOIN member_sign_in_policies p ON p.organization_id = m.organization_id
                         WHERE m.account_id = :account""")
                .param("account", account.value())
                .query((rs, row) -> new Membership(
                        new OrganizationId(Rows.uuid(rs, "organization_id")),
                        MemberRole.of(rs.getString("role")).orElseThrow(),
                        rs.getBoolean("requires_two_factor")))
                .list();
    }

    /** Whether the organization requires two-factor sign-in of its members. */
    boolean requiresTwoFactor(OrganizationId org) {
        return jdbc.sql("SELECT require_two_factor FROM member_sign_in_policies WHERE organization_id = :org")
                .param("org", org.value())
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    void requireTwoFactor(OrganizationId org, boolean required, java.time.Instant now) {
        jdbc.sql("""
                        INSERT INTO member_sign_in_policies (organization_id, require_two_factor, updated_at)
                        VALUES (:org, :required, :now)
                        ON CONFLICT (organization_id) DO UPDATE
                           SET require_two_factor = EXCLUDED.require_two_factor, updated_at = EXCLUDED.updated_at""")
                .param("org", org.value())
                .param("required", required)
                .param("now", java.sql.Timestamp.from(now))
                .update();
    }

    private static Member member(ResultSet rs, int row) throws SQLException {
        return new Member(
                new AccountId(Rows.uuid(rs, "id")),
                rs.getString("email"),
                rs.getString("name"),
                MemberRole.of(rs.getString("role")).orElseThrow(),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "last_sign_in_at"),
                rs.getBoolean("two_factor"));
    }
}
