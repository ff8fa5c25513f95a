package io.supportagent.platform;

import java.util.Objects;
import java.util.UUID;

/** The id of a usage event: one counted conversation in the usage ledger. */
public record UsageEventId(UUID value) implements TypedId {

    public UsageEventId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
