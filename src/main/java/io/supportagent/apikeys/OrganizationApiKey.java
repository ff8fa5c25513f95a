package io.supportagent.apikeys;

import io.supportagent.platform.ApiKeyId;
import io.supportagent.platform.OrganizationId;
import java.time.Instant;

/**
 * A secret key of an organization, as stored: a bcrypt hash of the key, never the key itself.
 *
 * @param mode {@code live} or {@code test}
 * @param lookupId the non-secret part of the key that finds this row
 * @param displayPrefix what lists show of the key, as {@code sk_live_3hG7kQ2mXb9Z}
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
        Instant revokedAt) {

    public boolean livemode() {
        return "live".equals(mode);
    }
}
