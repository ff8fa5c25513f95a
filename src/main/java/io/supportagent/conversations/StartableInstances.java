package io.supportagent.conversations;

import io.supportagent.platform.AgentInstanceId;

/**
 * Which agent instances a conversation may be started with. The agents module owns instances and implements this;
 * declaring it here keeps the dependency one way (agents uses conversations, never the reverse).
 */
public interface StartableInstances {

    /**
     * Returns when the tenant's instance is active; throws {@code NotFound} for an unknown or foreign instance,
     * {@code Conflict} ({@code agent_instance_paused}) for a paused one. Starting checks this in its insert; this
     * explains a refusal.
     */
    void requireActive(AgentInstanceId id);
}
