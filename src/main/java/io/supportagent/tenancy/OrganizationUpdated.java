package io.supportagent.tenancy;

import io.supportagent.platform.OrganizationId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The operator changed an organization's name, status, custom pricing, usage cap or billing time zone (a tier change
 * is {@link TierChanged}). Published inside the operator's transaction that changed it, so that a listener writing
 * through the platform role's client joins it (the audit log does).
 *
 * @param changes each changed field (API names: {@code status}, {@code usage_cap}, ...) with its value before and
 *     after; custom pricing as its JSON text, null for none
 */
public record OrganizationUpdated(OrganizationId organizationId, String name, Map<String, Change> changes) {

    public record Change(Object from, Object to) {

        /** Adds {@code field}'s change to {@code changes} when its value differs. */
        static void put(Map<String, Change> changes, String field, Object from, Object to) {
            if (!Objects.equals(from, to)) {
                changes.put(field, new Change(from, to));
            }
        }
    }

    public OrganizationUpdated {
        changes = Map.copyOf(changes);
    }

    /** What differs between two reads of one organization, tier left out; empty when nothing does. */
    static Map<String, Change> between(Organization before, Organization after) {
        Map<String, Change> changes = new LinkedHashMap<>();
        Change.put(changes, "name", before.name(), after.name());
        Change.put(changes, "status", before.status(), after.status());
        Change.put(changes, "custom_pricing", pricing(before), pricing(after));
        Change.put(changes, "usage_cap", before.usageCap(), after.usageCap());
        Change.put(changes, "billing_timezone", before.billingTimezone(), after.billingTimezone());
        return changes;
    }

    private static String pricing(Organization org) {
        return CustomPricing.fromJson(org.customPricing())
                .map(CustomPricing::toJson)
                .orElse(null);
    }
}
