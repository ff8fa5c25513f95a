package io.supportagent.members;

import io.supportagent.platform.AccountId;
import java.time.Instant;

/** A person's account as the members module keeps it (the password hash never leaves the module). */
record Account(
        AccountId id,
        String email,
        String name,
        String passwordHash,
        Instant passwordChangedAt,
        Instant createdAt,
        Instant lastSignInAt) {

    boolean hasPassword() {
        return passwordHash != null;
    }

    @Override
    public String toString() {
        return "Account[" + id + ", " + email + "]";
    }
}
