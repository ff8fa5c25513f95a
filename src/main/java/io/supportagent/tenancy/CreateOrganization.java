package io.supportagent.tenancy;

import io.supportagent.platform.KeyFormat;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The operator's request for a new organization.
 *
 * @param billingTimezone an IANA zone such as {@code Europe/Berlin}; null for UTC
 * @param ownerEmail who is invited as the organization's first owner; null for nobody yet
 */
public record CreateOrganization(
        @NotBlank @Size(max = 200) String name,
        @NotNull Tier tier,
        @Valid CustomPricing customPricing,

        @Schema(minimum = "1", description = "At most this many counted conversations a month.") @Positive
        Integer usageCap,

        @Schema(
                ref = "#/components/schemas/TimeZone",
                description = "An IANA time zone, such as Europe/Berlin: its calendar months are the billing periods.")
        @Size(max = 64)
        String billingTimezone,

        @Email @Size(max = 320) String ownerEmail) {

    /** Without an owner invitation. */
    public CreateOrganization(
            String name, Tier tier, CustomPricing customPricing, Integer usageCap, String billingTimezone) {
        this(name, tier, customPricing, usageCap, billingTimezone, null);
    }

    /** Spring logs request bodies at DEBUG: free text is redacted of anything key-shaped. */
    @Override
    public String toString() {
        return "CreateOrganization[name=" + KeyFormat.redact(name) + ", tier=" + tier + ", usageCap=" + usageCap
                + ", billingTimezone=" + KeyFormat.redact(billingTimezone) + ", customPricing=" + customPricing
                + ", ownerEmail=" + (ownerEmail == null ? null : "…") + "]";
    }
}
