package io.supportagent.platform.db;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the data lives. With no {@code url} the platform runs its own embedded PostgreSQL in {@code embeddedDir}.
 *
 * @param url {@code postgres://user:pass@host:port/db} or {@code jdbc:postgresql://...}; its user owns the schema
 * @param embeddedDir data folder of the embedded server, kept across restarts
 * @param embeddedPort port of the embedded server, 0 for any free one
 * @param appRole the request role: owns nothing, subject to row-level security
 * @param appPassword its password, when the server asks for one
 * @param platformRole the operator role for explicit cross-tenant work
 * @param platformPassword its password, when the server asks for one
 * @param poolSize connections of the request pool
 * @param createRoles whether start-up creates the roles when they are missing and it may
 * @param migrateOnStart whether start-up applies pending schema changes
 */
@Validated
@ConfigurationProperties("support-agent.database")
public record DatabaseSettings(
        String url,
        Path embeddedDir,
        @DefaultValue("0") @Min(0) int embeddedPort,
        @DefaultValue("support_agent_app") @NotBlank String appRole,
        String appPassword,
        @DefaultValue("support_agent_platform") @NotBlank String platformRole,
        String platformPassword,
        @DefaultValue("10") @Min(1) int poolSize,
        @DefaultValue("true") boolean createRoles,
        @DefaultValue("true") boolean migrateOnStart) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
