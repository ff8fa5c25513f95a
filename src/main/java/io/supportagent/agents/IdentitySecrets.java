package io.supportagent.agents;

import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.Rows;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each agent instance's identity-verification secret and whether it requires a verified shopper. */
@Repository
class IdentitySecrets {

    /** The stored secret with its settings. */
    record Stored(String secret, IdentitySettings settings) {
        @Override
        public String toString() {
            return "Stored[***, " + settings + "]";
        }
    }

    private final JdbcClient jdbc;

    IdentitySecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sets a new secret (keeping whether verification is required); answers it stored. */
    Stored replace(OrganizationId org, AgentInstanceId instance, String secret) {
        return jdbc.sql("""
                        INSERT INTO agent_instance_identity (organization_id, agent_instance_id, secret)
                        VALUES (:org, :instance, :secret)
                        ON CONFLICT (organization_id, agent_instance_id) DO UPDATE
                           SET secret = excluded.secret, created_at = now(), updated_at = now()
                        RETURNING secret, required, created_at""")
                .param("org", org.value())
                .param("instance", instance.value())
                .param("secret", secret)
                .query((rs, row) -> new Stored(
                        rs.getString("secret"),
                        new IdentitySettings(true, rs.getBoolean("required"), Rows.instant(rs, "created_at"))))
                .single();
    }

    Optional<Stored> find(OrganizationId org, AgentInstanceId instance) {
        return jdbc.sql("""
                        SELECT secret, required, created_at FROM agent_instance_identity
                         WHERE organization_id = :org AND agent_instance_id = :instance""")
                .param("org", org.value())
                .param("instance", instance.value())
                .query((rs, row) -> new Stored(
                        rs.getString("secret"),
                        new IdentitySettings(true, rs.getBoolean("required"), Rows.instant(rs, "created_at"))))
                .optional();
    }

    boolean setRequired(OrganizationId org, AgentInstanceId instance, boolean required) {
        return jdbc.sql("""
                                UPDATE agent_instance_identity SET required = :required, updated_at = now()
                                 WHERE organization_id = :org AND agent_instance_id = :instance""")
                        .param("org", org.value())
                        .param("instance", instance.value())
                        .param("required", required)
                        .update()
                > 0;
    }

    void delete(OrganizationId org, AgentInstanceId instance) {
        jdbc.sql("DELETE FROM agent_instance_identity WHERE organization_id = :org AND agent_instance_id = :instance")
                .param("org", org.value())
                .param("instance", instance.value())
                .update();
    }
}
