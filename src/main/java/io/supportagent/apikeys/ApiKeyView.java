package io.supportagent.apikeys;

import io.supportagent.platform.KeyFormat;
import java.time.Instant;

/**
 * A key as the API shows it: the display prefix and the last four characters, never the hash. {@code secret} (the
 * full key) is present only in the answer that issues the key.
 */
record ApiKeyView(
        String id,
        String object,
        String name,
        String mode,
        boolean livemode,
        String prefix,
        String lastFour,
        String redacted,
        String status,
        Instant createdAt,
        Instant lastUsedAt,
        Instant expiresAt,
        Instant revokedAt,
        String rolledFrom,
        String secret) {

    static ApiKeyView of(OrganizationApiKey key, Instant now) {
        return of(key, now, null);
    }

    static ApiKeyView of(OrganizationApiKey key, Instant now, String secret) {
        return new ApiKeyView(
                key.id().toString(),
                "api_key",
                key.name(),
                key.mode(),
                key.livemode(),
                key.displayPrefix(),
                key.lastFour(),
                key.displayPrefix() + "…" + key.lastFour(),
                key.status(now),
                key.createdAt(),
                key.lastUsedAt(),
                key.expiresAt(),
                key.revokedAt(),
                key.rolledFrom() == null ? null : key.rolledFrom().toString(),
                secret);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "ApiKeyView[" + id + ", " + KeyFormat.redact(name) + ", " + redacted + "]";
    }
}
