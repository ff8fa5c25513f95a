package io.supportagent.platform;

import java.util.Objects;
import java.util.UUID;

/** The id of an agent definition. */
public record AgentDefinitionId(UUID value) implements TypedId {

    public AgentDefinitionId {
        Objects.requireNonNull(value, "value");
    }

    public static AgentDefinitionId random() {
        return new AgentDefinitionId(UUID.randomUUID());
    }

    /** Parses an id from a path or body; text that is no id answers 404, as no object can have it. */
    public static AgentDefinitionId parse(String text) {
        return new AgentDefinitionId(Uuids.parse(text, "agent definition"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
