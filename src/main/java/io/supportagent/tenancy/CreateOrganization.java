package io.supportagent.tenancy;

import io.supportagent.platform.KeyFormat;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The operator's request for a new organization.
 *
 * @param billingTimezone an IANA zone such as {@code Europe/Berlin}; null for UTC
 */
public record CreateOrganization(
        @NotBlank @Size(max = 200) String name,
        @NotNull Tier tier,
        @Valid CustomPricing customPricing,
        @Positive Integer usageCap,
        @Size(max = 64) String billingTimezone) {

    /** Spring logs request bodies at DEBUG: free text is redacted of anything key-shaped. */
    @Override
    public String toString() {
        return "CreateOrganization[name=" + KeyFormat.redact(name) + ", tier=" + tier + ", usageCap=" + usageCap
                + ", billingTimezone=" + KeyFormat.redact(billingTimezone) + ", customPricing=" + customPricing + "]";
    }
}
