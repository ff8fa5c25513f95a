package io.supportagent.platform;

import java.util.Objects;
import java.util.UUID;

/** The id of a conversation. */
public record ConversationId(UUID value) implements TypedId {

    public ConversationId {
        Objects.requireNonNull(value, "value");
    }

    public static ConversationId random() {
        return new ConversationId(UUID.randomUUID());
    }

    /** Parses an id from a path or body; text that is no id answers 404, as no object can have it. */
    public static ConversationId parse(String text) {
        return new ConversationId(Uuids.parse(text, "conversation"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
