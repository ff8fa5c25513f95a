package io.supportagent.agents;

import io.supportagent.platform.AgentDefinitionId;
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
import tools.jackson.databind.ObjectMapper;

/** Published agent definitions: global, written by the operator only, read by everyone. */
@Repository
class AgentDefinitions {

    static final String COLUMNS = "id, type, version, name, description, system_prompt, tools::text AS tools,"
            + " default_config::text AS default_config, created_at";

    private final JdbcClient jdbc;
    private final PlatformJdbc platform;
    private final RowMapper<AgentDefinition> mapper;

    AgentDefinitions(JdbcClient jdbc, PlatformJdbc platform, ObjectMapper json) {
        this.jdbc = jdbc;
        this.platform = platform;
        this.mapper = (rs, row) -> map(rs, json);
    }

    AgentDefinition insert(
            String type,
            String version,
            String name,
            String description,
            String systemPrompt,
            String toolsJson,
            String defaultConfigJson) {
        return platform.jdbc()
                .sql("""
                        INSERT INTO agent_definitions (type, version, name, description, system_prompt, tools, default_config)
                        VALUES (:type, :version, :name, :description, :prompt, CAST(:tools AS jsonb), CAST(:config AS jsonb))
                        RETURNING """ + " " + COLUMNS)
                .param("type", type)
                .param("version", version)
                .param("name", name)
                .param("description", description)
                .param("prompt", systemPrompt)
                .param("tools", toolsJson)
                .param("config", defaultConfigJson)
                .query(mapper)
                .single();
    }

    Optional<AgentDefinition> find(AgentDefinitionId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_definitions WHERE id = :id")
                .param("id", id.value())
                .query(mapper)
                .optional();
    }

    Optional<AgentDefinition> find(String type, String version) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_definitions WHERE type = :type AND version = :version")
                .param("type", type)
                .param("version", version)
                .query(mapper)
                .optional();
    }

    List<AgentDefinition> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_definitions ORDER BY type, created_at DESC")
                .query(mapper)
                .list();
    }

    /** Newest first, optionally of one type, after the cursor definition. */
    List<AgentDefinition> page(String type, int limit, AgentDefinitionId startingAfter) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM agent_definitions
                        WHERE (CAST(:type AS text) IS NULL OR type = :type)
                          AND (CAST(:after AS uuid) IS NULL OR (created_at, id) < (
                               SELECT created_at, id FROM agent_definitions WHERE id = CAST(:after AS uuid)))
                        ORDER BY created_at DESC, id DESC
                        LIMIT :limit""")
                .param("type", Params.text(type))
                .param("after", Params.id(startingAfter))
                .param("limit", limit)
                .query(mapper)
                .list();
    }

    private static AgentDefinition map(ResultSet rs, ObjectMapper json) throws SQLException {
        return new AgentDefinition(
                new AgentDefinitionId(Rows.uuid(rs, "id")),
                rs.getString("type"),
                rs.getString("version"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("system_prompt"),
                List.of(json.readValue(rs.getString("tools"), String[].class)),
                rs.getString("default_config"),
                Rows.instant(rs, "created_at"));
    }
}
