package io.supportagent.agents;

import io.supportagent.platform.AgentDefinitionId;
import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import java.time.Instant;

/**
 * One definition version deployed on one store, answering shoppers through its public widget key.
 *
 * @param config JSON object merged over the definition's default config
 * @param previousPublicKeyExpiresAt until when the widget key before the last roll opens the widget too; null when
 *     none does
 */
public record AgentInstance(
        AgentInstanceId id,
        OrganizationId organizationId,
        StoreId storeId,
        AgentDefinitionId agentDefinitionId,
        String name,
        String config,
        String status,
        String publicKey,
        Instant createdAt,
        Instant updatedAt,
        Instant previousPublicKeyExpiresAt) {}
