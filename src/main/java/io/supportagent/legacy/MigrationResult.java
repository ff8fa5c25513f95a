package io.supportagent.legacy;

import io.supportagent.apikeys.IssuedKey;
import io.supportagent.platform.OrganizationId;

/**
 * What a migration made. The two secret keys exist only here, to be printed once.
 *
 * @param usageMonths months of conversation usage backfilled
 */
record MigrationResult(
        OrganizationId organizationId,
        String organizationName,
        LegacyCounts counts,
        long agentInstances,
        long usageMonths,
        IssuedKey liveKey,
        IssuedKey testKey) {

    @Override
    public String toString() {
        return "MigrationResult[" + organizationId + ", " + counts + "]";
    }
}
