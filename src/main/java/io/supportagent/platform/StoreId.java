package io.supportagent.platform;

import java.util.Objects;
import java.util.UUID;

/** The id of a store. */
public record StoreId(UUID value) implements TypedId {

    public StoreId {
        Objects.requireNonNull(value, "value");
    }

    public static StoreId random() {
        return new StoreId(UUID.randomUUID());
    }

    /** Parses an id from a path or body; text that is no id answers 404, as no object can have it. */
    public static StoreId parse(String text) {
        return new StoreId(Uuids.parse(text, "store"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
