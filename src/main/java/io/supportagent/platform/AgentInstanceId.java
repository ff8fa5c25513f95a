package io.supportagent.platform;

import java.util.Objects;
import java.util.UUID;

/** The id of an agent instance. */
public record AgentInstanceId(UUID value) implements TypedId {

    public AgentInstanceId {
        Objects.requireNonNull(value, "value");
    }

    public static AgentInstanceId random() {
        return new AgentInstanceId(UUID.randomUUID());
    }

    /** Parses an id from a path or body; text that is no id answers 404, as no object can have it. */
    public static AgentInstanceId parse(String text) {
        return new AgentInstanceId(Uuids.parse(text, "agent instance"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
