package io.supportagent.tenancy;

import java.time.Instant;

/** An organization as the platform (operator) API shows it. */
public record OrganizationDetails(
        String id,
        String object,
        String name,
        String tier,
        String status,
        CustomPricing customPricing,
        Integer usageCap,
        String billingTimezone,
        Instant createdAt,
        Instant updatedAt) {

    public static OrganizationDetails of(Organization org) {
        return new OrganizationDetails(
                org.id().toString(),
                "organization",
                org.name(),
                org.tier().code(),
                org.status(),
                CustomPricing.fromJson(org.customPricing()).orElse(null),
                org.usageCap(),
                org.billingTimezone(),
                org.createdAt(),
                org.updatedAt());
    }
}
