package io.supportagent.tenancy;

import java.time.ZoneId;
import java.util.List;

/**
 * What metering and billing need to know about an organization: the organization itself and its tier changes from
 * a given moment on, oldest first.
 */
public record BillingProfile(Organization organization, List<TierChange> tierChanges) {

    public BillingProfile {
        tierChanges = List.copyOf(tierChanges);
    }

    public ZoneId zone() {
        return ZoneId.of(organization.billingTimezone());
    }
}
