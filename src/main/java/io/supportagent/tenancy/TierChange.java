package io.supportagent.tenancy;

import io.supportagent.platform.OrganizationId;
import java.time.Instant;

/** An organization moved from one tier to another at a moment; billing prorates the month by these. */
public record TierChange(OrganizationId organizationId, Tier fromTier, Tier toTier, Instant changedAt) {}
