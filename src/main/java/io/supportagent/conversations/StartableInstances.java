package io.supportagent.conversations;

import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.StoreId;

/**
 * Which agent instances a conversation may be started with. The agents module owns instances and implements this;
 * declaring it here keeps the dependency one way (agents uses conversations, never the reverse).
 */
public interface StartableInstances {

    /**
     * The store of the tenant's instance, when it is active; {@code NotFound} for an unknown or foreign instance,
     * {@code Conflict} ({@code agent_instance_paused}) for a paused one.
     */
    StoreId storeOfActiveInstance(AgentInstanceId id);
}
