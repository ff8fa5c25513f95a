package io.supportagent.tenancy;

import io.supportagent.platform.OrganizationId;

/** The operator changed an organization (its status, tier, pricing or cap), after the change committed. */
public record OrganizationChanged(OrganizationId organizationId, String status) {}
