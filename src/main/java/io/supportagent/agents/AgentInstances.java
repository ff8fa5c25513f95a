package io.supportagent.agents;

import io.supportagent.platform.AgentDefinitionId;
import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.db.Params;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Agent instances of the tenant in context; resolving a widget key is the one lookup across tenants. */
@Repository
class AgentInstances {

    static final String COLUMNS = "id, organization_id, store_id, agent_definition_id, name, config::text AS config,"
            + " status, public_key, created_at, updated_at,"
            + " CASE WHEN previous_public_key_expires_at > now() THEN previous_public_key_expires_at END"
            + " AS previous_public_key_expires_at";
    static final RowMapper<AgentInstance> MAPPER = AgentInstances::map;

    private final JdbcClient jdbc;
    private final PlatformJdbc platform;

    AgentInstances(JdbcClient jdbc, PlatformJdbc platform) {
        this.jdbc = jdbc;
        this.platform = platform;
    }

    AgentInstance insert(
            OrganizationId org,
            StoreId store,
            AgentDefinitionId definition,
            String name,
            String configJson,
            String publicKey) {
        return jdbc.sql("""
                        INSERT INTO agent_instances (organization_id, store_id, agent_definition_id, name, config, public_key)
                        VALUES (:org, :store, :definition, :name, CAST(:config AS jsonb), :key)
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("store", store.value())
                .param("definition", definition.value())
                .param("name", name)
                .param("config", configJson)
                .param("key", publicKey)
                .query(MAPPER)
                .single();
    }

    Optional<AgentInstance> find(OrganizationId org, AgentInstanceId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_instances WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id.value())
                .query(MAPPER)
                .optional();
    }

    List<AgentInstance> listByStore(OrganizationId org, StoreId store) {
        return jdbc.sql(
                        "SELECT " + COLUMNS
                                + " FROM agent_instances WHERE organization_id = :org AND store_id = :store ORDER BY created_at")
                .param("org", org.value())
                .param("store", store.value())
                .query(MAPPER)
                .list();
    }

    int count(OrganizationId org) {
        return jdbc.sql("SELECT count(*) FROM agent_instances WHERE organization_id = :org")
                .param("org", org.value())
                .query(Integer.class)
                .single();
    }

    /**
     * Which instance a presented widget key opens, before any tenant is known: platform role, by key only. The key
     * before the instance's last roll opens it too until its overlap ends.
     */
    Optional<AgentInstance> findByPublicKey(String publicKey) {
        return platform.lookups() // on the widget's every request: bounded like a request's own statements
                .sql("SELECT " + COLUMNS + """
                         FROM agent_instances
                        WHERE public_key = :key
                           OR (previous_public_key = :key AND previous_public_key_expires_at > now())
                        LIMIT 1""")
                .param("key", publicKey)
                .query(MAPPER)
                .optional();
    }

    /** Newest first, optionally of one store, after the cursor instance. */
    List<AgentInstance> page(OrganizationId org, StoreId store, int limit, AgentInstanceId startingAfter) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM agent_instances
                        WHERE organization_id = :org
                          AND (CAST(:store AS uuid) IS NULL OR store_id = CAST(:store AS uuid))
                          AND (CAST(:after AS uuid) IS NULL OR (created_at, id) < (
                               SELECT created_at, id FROM agent_instances
                                WHERE organization_id = :org AND id = CAST(:after AS uuid)))
                        ORDER BY created_at DESC, id DESC
                        LIMIT :limit""")
                .param("org", org.value())
                .param("store", Params.id(store))
                .param("after", Params.id(startingAfter))
                .param("limit", limit)
                .query(MAPPER)
                .list();
    }

    /** Changes the given fields (null: unchanged). */
    Optional<AgentInstance> update(
            OrganizationId org,
            AgentInstanceId id,
            String name,
            String configJson,
            String status,
            AgentDefinitionId definition) {
        return jdbc.sql("""
                        UPDATE agent_instances
                           SET name = coalesce(:name, name),
                               config = coalesce(CAST(:config AS jsonb), config),
                               status = coalesce(:status, status),
                               agent_definition_id = coalesce(CAST(:definition AS uuid), agent_definition_id),
                               updated_at = now()
                         WHERE organization_id = :org AND id = :id
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("id", id.value())
                .param("name", Params.text(name))
                .param("config", Params.text(configJson))
                .param("status", Params.text(status))
                .param("definition", Params.id(definition))
                .query(MAPPER)
                .optional();
    }

    /**
     * A new widget key; the one it replaces opens the widget too for {@code keepPrevious} more (zero: it stops now).
     * A key kept from an earlier roll stops.
     */
    Optional<AgentInstance> replacePublicKey(
            OrganizationId org, AgentInstanceId id, String publicKey, java.time.Duration keepPrevious) {
        return jdbc.sql("""
                        UPDATE agent_instances
                           SET previous_public_key = CASE WHEN :keep > 0 THEN public_key END,
                               previous_public_key_expires_at = CASE WHEN :keep > 0
                                                                     THEN now() + :keep * interval '1 second' END,
                               public_key = :key, updated_at = now()
                         WHERE organization_id = :org AND id = :id
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("id", id.value())
                .param("key", publicKey)
                .param("keep", keepPrevious.toSeconds())
                .query(MAPPER)
                .optional();
    }

    private static AgentInstance map(ResultSet rs, int row) throws SQLException {
        return new AgentInstance(
                new AgentInstanceId(Rows.uuid(rs, "id")),
                new OrganizationId(Rows.uuid(rs, "organization_id")),
                new StoreId(Rows.uuid(rs, "store_id")),
                new AgentDefinitionId(Rows.uuid(rs, "agent_definition_id")),
                rs.getString("name"),
                rs.getString("config"),
                rs.getString("status"),
                rs.getString("public_key"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"),
                Rows.instant(rs, "previous_public_key_expires_at"));
    }
}
