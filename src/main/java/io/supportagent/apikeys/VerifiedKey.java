package io.supportagent.apikeys;

import io.supportagent.platform.ApiKeyId;
import io.supportagent.platform.OrganizationId;
import java.time.Instant;

/** What a successful verification of a presented secret key establishes, from the key's stored row. */
public record VerifiedKey(ApiKeyId keyId, OrganizationId organizationId, boolean livemode, Instant expiresAt) {}
