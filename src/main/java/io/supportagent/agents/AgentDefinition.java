package io.supportagent.agents;

import io.supportagent.platform.AgentDefinitionId;
import java.time.Instant;
import java.util.List;

/**
 * A published, immutable version of an agent template.
 *
 * @param tools the tools the agent may call, such as {@code search_knowledge}
 * @param defaultConfig JSON object that instances' config is merged over
 */
public record AgentDefinition(
        AgentDefinitionId id,
        String type,
        String version,
        String name,
        String description,
        String systemPrompt,
        List<String> tools,
        String defaultConfig,
        Instant createdAt) {}
