package io.supportagent.tenancy;

import io.supportagent.platform.OrganizationId;

/**
 * An organization changed (status, tier, pricing, cap, time zone or name), published after the change committed. This
 * node has already forgotten its snapshot; listeners tell the other nodes or drop what they derived from it.
 */
public record OrganizationChanged(OrganizationId organizationId) {}
