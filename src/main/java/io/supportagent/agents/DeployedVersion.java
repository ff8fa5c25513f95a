package io.supportagent.agents;

import io.supportagent.platform.AgentDefinitionId;
import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import java.time.Instant;

/**
 * Operator's view, across organizations: one agent instance and the definition version it runs (never its widget key
 * or config).
 */
public record DeployedVersion(
        AgentInstanceId instanceId,
        String instanceName,
        String status,
        OrganizationId organizationId,
        String organizationName,
        StoreId storeId,
        String storeName,
        AgentDefinitionId definitionId,
        Instant updatedAt) {}
