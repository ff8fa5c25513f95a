package io.supportagent.platform;

import java.util.Objects;
import java.util.UUID;

/** The id of a person's account (global: one account may be a member of several organizations). */
public record AccountId(UUID value) implements TypedId {

    public AccountId {
        Objects.requireNonNull(value, "value");
    }

    public static AccountId random() {
        return new AccountId(UUID.randomUUID());
    }

    public static AccountId parse(String text) {
        return new AccountId(Uuids.parse(text, "member"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
