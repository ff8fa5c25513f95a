package io.supportagent.tenancy;

import io.supportagent.platform.OrganizationId;
import java.time.Instant;

/**
 * An organization moved to another tier. Published inside the operator's transaction that changed it, so a listener
 * that writes through the platform role's client joins that transaction (the audit log does).
 */
public record TierChanged(OrganizationId organizationId, Tier fromTier, Tier toTier, Instant changedAt) {}
