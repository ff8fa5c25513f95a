package io.supportagent.apikeys;

import io.supportagent.platform.ApiKeyId;
import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.Params;
import io.supportagent.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored API keys. Callers pass the {@link JdbcClient} of the pool the work belongs to (tenant or platform). */
@Repository
class ApiKeys {

    static final String COLUMNS = "id, organization_id, name, mode, lookup_id, key_hash, display_prefix, last_four,"
            + " created_at, last_used_at, expires_at, revoked_at, rolled_from, secret_tag";
    static final RowMapper<OrganizationApiKey> MAPPER = ApiKeys::map;

    OrganizationApiKey insert(
            JdbcClient jdbc,
            OrganizationId org,
            String name,
            String mode,
            String lookupId,
            KeyHash hash,
            String displayPrefix,
            String lastFour) {
        return jdbc.sql("""
                        INSERT INTO organization_api_keys
                               (organization_id, name, mode, lookup_id, key_hash, secret_tag, display_prefix, last_four)
                        VALUES (:org, :name, :mode, :lookup, :hash, :tag, :prefix, :last4)
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("name", name)
                .param("mode", mode)
                .param("lookup", lookupId)
                .param("hash", hash.bcrypt())
                .param("tag", hash.tag())
                .param("prefix", displayPrefix)
                .param("last4", lastFour)
                .query(MAPPER)
                .single();
    }

    /** Candidates for a presented key, across tenants: only ever called with the platform role. */
    List<OrganizationApiKey> findByLookupId(JdbcClient platform, String lookupId) {
        return platform.sql("SELECT " + COLUMNS + " FROM organization_api_keys WHERE lookup_id = :lookup")
                .param("lookup", lookupId)
                .query(MAPPER)
                .list();
    }

    List<OrganizationApiKey> list(JdbcClient jdbc, OrganizationId org) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM organization_api_keys WHERE organization_id = :org ORDER BY created_at DESC, id DESC")
                .param("org", org.value())
                .query(MAPPER)
                .list();
    }

    /** Revokes the organization's unrevoked keys of that name; answers their lookup ids. */
    List<String> revokeByName(JdbcClient jdbc, OrganizationId org, String name) {
        return jdbc.sql("""
                        UPDATE organization_api_keys SET revoked_at = now()
                         WHERE organization_id = :org AND name = :name AND revoked_at IS NULL
                        RETURNING lookup_id""")
                .param("org", org.value())
                .param("name", name)
                .query(String.class)
                .list();
    }

    /** A key issued by the tenant (or by a roll), with an optional expiry and the key it replaced. */
    OrganizationApiKey insert(
            JdbcClient jdbc,
            OrganizationId org,
            String name,
            String mode,
            KeyFormat.ParsedKey key,
            KeyHash hash,
            ApiKeyId rolledFrom) {
        return jdbc.sql("""
                        INSERT INTO organization_api_keys
                               (organization_id, name, mode, lookup_id, key_hash, secret_tag, display_prefix, last_four,
                                rolled_from)
                        VALUES (:org, :name, :mode, :lookup, :hash, :tag, :prefix, :last4, CAST(:rolledFrom AS uuid))
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("name", name)
                .param("mode", mode)
                .param("lookup", key.lookupId())
                .param("hash", hash.bcrypt())
                .param("tag", hash.tag())
                .param("prefix", key.displayPrefix())
                .param("last4", key.lastFour())
                .param("rolledFrom", Params.id(rolledFrom))
                .query(MAPPER)
                .single();
    }

    /** One key by id, across tenants: only ever called with the platform role (re-checking a cached key). */
    Optional<OrganizationApiKey> findById(JdbcClient platform, ApiKeyId id) {
        return platform.sql("SELECT " + COLUMNS + " FROM organization_api_keys WHERE id = :id")
                .param("id", id.value())
                .query(MAPPER)
                .optional();
    }

    /** One of the tenant's keys; {@code mode} null for both modes. */
    Optional<OrganizationApiKey> find(JdbcClient jdbc, OrganizationId org, ApiKeyId id, String mode, boolean lock) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM organization_api_keys
                        WHERE organization_id = :org AND id = :id AND (CAST(:mode AS text) IS NULL OR mode = :mode)""" + (lock ? " FOR UPDATE" : ""))
                .param("org", org.value())
                .param("id", id.value())
                .param("mode", mode)
                .query(MAPPER)
                .optional();
    }

    /** The tenant's keys newest first; {@code mode} null for both modes. */
    List<OrganizationApiKey> page(JdbcClient jdbc, OrganizationId org, String mode, int limit, ApiKeyId after) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM organization_api_keys
                        WHERE organization_id = :org
                          AND (CAST(:mode AS text) IS NULL OR mode = :mode)
                          AND (CAST(:after AS uuid) IS NULL OR (created_at, id) < (
                               SELECT created_at, id FROM organization_api_keys
                                WHERE organization_id = :org AND id = CAST(:after AS uuid)))
                        ORDER BY created_at DESC, id DESC
                        LIMIT :limit""")
                .param("org", org.value())
                .param("mode", Params.text(mode))
                .param("after", Params.id(after))
                .param("limit", limit)
                .query(MAPPER)
                .list();
    }

    OrganizationApiKey revoke(JdbcClient jdbc, OrganizationId org, ApiKeyId id) {
        return jdbc.sql("UPDATE organization_api_keys SET revoked_at = coalesce(revoked_at, now())"
                        + " WHERE organization_id = :org AND id = :id RETURNING " + COLUMNS)
                .param("org", org.value())
                .param("id", id.value())
                .query(MAPPER)
                .single();
    }

    /** Moves the expiry to {@code at}, never later than an expiry already set. */
    OrganizationApiKey expireAt(JdbcClient jdbc, OrganizationId org, ApiKeyId id, Instant at) {
        return jdbc.sql("UPDATE organization_api_keys SET expires_at = least(coalesce(expires_at, :at), :at)"
                        + " WHERE organization_id = :org AND id = :id RETURNING " + COLUMNS)
                .param("org", org.value())
                .param("id", id.value())
                .param("at", Timestamp.from(at))
                .query(MAPPER)
                .single();
    }

    /** Records uses, off the request path; never moves {@code last_used_at} back. */
    void touch(JdbcClient platform, ApiKeyId id, Instant at) {
        platform.sql("UPDATE organization_api_keys SET last_used_at = :at"
                        + " WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :at)")
                .param("id", id.value())
                .param("at", Timestamp.from(at))
                .update();
    }

    private static OrganizationApiKey map(ResultSet rs, int row) throws SQLException {
        return new OrganizationApiKey(
                new ApiKeyId(Rows.uuid(rs, "id")),
                new OrganizationId(Rows.uuid(rs, "organization_id")),
                rs.getString("name"),
                rs.getString("mode"),
                rs.getString("lookup_id"),
                rs.getString("key_hash"),
                rs.getString("display_prefix"),
                rs.getString("last_four"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "last_used_at"),
                Rows.instant(rs, "expires_at"),
                Rows.instant(rs, "revoked_at"),
                Rows.uuid(rs, "rolled_from") == null ? null : new ApiKeyId(Rows.uuid(rs, "rolled_from")),
                rs.getString("secret_tag"));
    }
}
