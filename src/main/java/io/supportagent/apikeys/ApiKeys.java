package io.supportagent.apikeys;

import io.supportagent.platform.ApiKeyId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored API keys. Callers pass the {@link JdbcClient} of the pool the work belongs to (tenant or platform). */
@Repository
class ApiKeys {

    static final String COLUMNS = "id, organization_id, name, mode, lookup_id, key_hash, display_prefix, last_four,"
            + " created_at, last_used_at, expires_at, revoked_at";
    static final RowMapper<OrganizationApiKey> MAPPER = ApiKeys::map;

    OrganizationApiKey insert(
            JdbcClient jdbc,
            OrganizationId org,
            String name,
            String mode,
            String lookupId,
            String hash,
            String displayPrefix,
            String lastFour) {
        return jdbc.sql("""
                        INSERT INTO organization_api_keys (organization_id, name, mode, lookup_id, key_hash, display_prefix, last_four)
                        VALUES (:org, :name, :mode, :lookup, :hash, :prefix, :last4)
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("name", name)
                .param("mode", mode)
                .param("lookup", lookupId)
                .param("hash", hash)
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

    int revokeByName(JdbcClient jdbc, OrganizationId org, String name) {
        return jdbc.sql("""
                        UPDATE organization_api_keys SET revoked_at = now()
                         WHERE organization_id = :org AND name = :name AND revoked_at IS NULL""").param("org", org.value()).param("name", name).update();
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
                Rows.instant(rs, "revoked_at"));
    }
}
