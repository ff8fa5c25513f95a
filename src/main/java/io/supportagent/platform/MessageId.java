package io.supportagent.platform;

import java.util.Objects;
import java.util.UUID;

/** The id of a message. */
public record MessageId(UUID value) implements TypedId {

    public MessageId {
        Objects.requireNonNull(value, "value");
    }

    public static MessageId random() {
        return new MessageId(UUID.randomUUID());
    }

    /** Parses an id from a path or body; text that is no id answers 404, as no object can have it. */
    public static MessageId parse(String text) {
        return new MessageId(Uuids.parse(text, "message"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
