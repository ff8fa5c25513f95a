package io.supportagent.tenancy;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;

/**
 * A store was created, changed (its allowed widget origins among others) or deleted. Published inside the changing
 * transaction: listeners that drop what they cached do it after the commit.
 */
public record StoreChanged(OrganizationId organizationId, StoreId storeId) {}
