package io.supportagent.apikeys;

import io.supportagent.platform.ApiKeyId;
import io.supportagent.platform.OrganizationId;
import java.time.Instant;

/**
 * A secret key of an organization, as stored: a bcrypt hash of the key, never the key itself.
 *
 * @param mode {@code live} or {@code test}
 * @param lookupId the non-secret part of the key that finds this row
 * @param rolledFrom the key this one replaced by a roll, or null
 * @param displayPrefix what lists show of the key, as {@code sk_live_3hG7kQ2mXb9Z}
 * @param secretTag the first 32 bits of the key's SHA-256 in hex (a fast check before bcrypt), or null for keys
 *     issued before there were tags
 */
public record OrganizationApiKey(
        ApiKeyId id,
        OrganizationId organizationId,
        String name,
        String mode,
        String lookupId,
        String keyHash,
        String displayPrefix,
        String lastFour,
        Instant createdAt,
        Instant lastUsedAt,
        Instant expiresAt,
        Instant revokedAt,
        ApiKeyId rolledFrom,
        String secretTag) {

    public boolean livemode() {
        return "live".equals(mode);
    }

    /** {@code revoked}, {@code expired} or {@code active} at that instant. */
    public String status(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return expiresAt != null && !expiresAt.isAfter(now) ? "expired" : "active";
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "OrganizationApiKey[" + id + ", " + displayPrefix + "…" + lastFour + "]";
    }
}
