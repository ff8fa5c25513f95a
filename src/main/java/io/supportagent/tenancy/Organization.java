package io.supportagent.tenancy;

import io.supportagent.platform.OrganizationId;
import java.time.Instant;

/**
 * A tenant: a brand with one or more stores, on a tier.
 *
 * @param customPricing the operator's per-organization pricing as JSON, or null for the tier's plan
 * @param usageCap a hard monthly cap on live conversations, or null for none
 * @param billingTimezone the IANA zone whose calendar months are the billing periods
 */
public record Organization(
        OrganizationId id,
        String name,
        Tier tier,
        String status,
        String customPricing,
        Integer usageCap,
        String billingTimezone,
        Instant createdAt,
        Instant updatedAt,
        Instant migratedAt) {

    public boolean active() {
        return "active".equals(status);
    }
}
