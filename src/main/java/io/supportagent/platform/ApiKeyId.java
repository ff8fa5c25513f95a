package io.supportagent.platform;

import java.util.Objects;
import java.util.UUID;

/** The id of an API key. */
public record ApiKeyId(UUID value) implements TypedId {

    public ApiKeyId {
        Objects.requireNonNull(value, "value");
    }

    public static ApiKeyId random() {
        return new ApiKeyId(UUID.randomUUID());
    }

    /** Parses an id from a path or body; text that is no id answers 404, as no object can have it. */
    public static ApiKeyId parse(String text) {
        return new ApiKeyId(Uuids.parse(text, "API key"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
