package io.supportagent.agents;

import io.supportagent.conversations.StartableInstances;
import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.Conflict;
import org.springframework.stereotype.Component;

/** Conversations start only with one of the tenant's active instances; this tells why one could not. */
@Component
class ActiveInstances implements StartableInstances {

    private final AgentService agents;

    ActiveInstances(AgentService agents) {
        this.agents = agents;
    }

    @Override
    public void requireActive(AgentInstanceId id) {
        if (!"active".equals(agents.instance(id).status())) {
            throw new Conflict("agent_instance_paused", "This agent instance is paused; activate it first.");
        }
    }
}
