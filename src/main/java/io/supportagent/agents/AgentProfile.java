package io.supportagent.agents;

import tools.jackson.databind.JsonNode;

/**
 * What an agent instance runs with: its pinned definition version and its config merged over the definition's
 * default config (objects merged key by key, the instance winning).
 */
public record AgentProfile(AgentInstance instance, AgentDefinition definition, JsonNode config) {

    public String text(String key, String fallback) {
        JsonNode value = config.get(key);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : fallback;
    }

    public double number(String key, double fallback) {
        JsonNode value = config.get(key);
        return value != null && value.isNumber() ? value.asDouble() : fallback;
    }

    /** The display name shoppers see: config {@code name}, else the instance's name. */
    public String displayName() {
        return text("name", instance.name());
    }
}
