package io.supportagent.tenancy;

/**
 * What the operator changes on an organization; a null field stays as it is. {@code clearCustomPricing} and
 * {@code clearUsageCap} remove the value (the API's explicit JSON null).
 */
public record OrganizationChanges(
        String name,
        Tier tier,
        String status,
        CustomPricing customPricing,
        boolean clearCustomPricing,
        Integer usageCap,
        boolean clearUsageCap,
        String billingTimezone) {}
