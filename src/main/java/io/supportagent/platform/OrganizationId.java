package io.supportagent.platform;

import java.util.Objects;
import java.util.UUID;

/** The id of an organization. */
public record OrganizationId(UUID value) implements TypedId {

    public OrganizationId {
        Objects.requireNonNull(value, "value");
    }

    public static OrganizationId random() {
        return new OrganizationId(UUID.randomUUID());
    }

    /** Parses an id from a path or body; text that is no id answers 404, as no object can have it. */
    public static OrganizationId parse(String text) {
        return new OrganizationId(Uuids.parse(text, "organization"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
