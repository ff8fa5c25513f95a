package io.supportagent.agents;

import io.supportagent.conversations.StartableInstances;
import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.Conflict;
import io.supportagent.platform.StoreId;
import org.springframework.stereotype.Component;

/** Conversations start only with one of the tenant's active instances, on that instance's store. */
@Component
class ActiveInstances implements StartableInstances {

    private final AgentService agents;

    ActiveInstances(AgentService agents) {
        this.agents = agents;
    }

    @Override
    public StoreId storeOfActiveInstance(AgentInstanceId id) {
        AgentInstance instance = agents.instance(id);
        if (!"active".equals(instance.status())) {
            throw new Conflict("agent_instance_paused", "This agent instance is paused; activate it first.");
        }
        return instance.storeId();
    }
}
