package io.supportagent.agents;

import io.supportagent.platform.AgentInstanceId;

/** An agent instance's name, config, status or pinned version changed (published inside the changing transaction). */
record AgentInstanceChanged(AgentInstanceId id) {}
