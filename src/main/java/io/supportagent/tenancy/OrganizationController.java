package io.supportagent.tenancy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.supportagent.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/organization}: the caller's organization with its tier and limits. */
@RestController
@Tag(name = ApiTags.ORGANIZATIONS)
class OrganizationController {

    private final TenancyService tenancy;

    OrganizationController(TenancyService tenancy) {
        this.tenancy = tenancy;
    }

    /** Null means unlimited, said explicitly rather than left out (the API otherwise omits nulls). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Limits(Integer maxStores, Integer maxAgentInstances) {}

    record OrganizationView(
            String id,
            String object,
            String name,
            String tier,
            String status,
            Limits limits,
            Integer usageCap,
            String billingTimezone,
            java.time.Instant createdAt) {}

    @Operation(
            operationId = "getOrganization",
            summary = "Get the caller's organization",
            description = "The organization of the secret key: its tier, status, limits (null: unlimited), usage cap"
                    + " and billing time zone.")
    @GetMapping("/v1/organization")
    OrganizationView organization() {
        Organization org = tenancy.currentOrganization();
        Tier tier = org.tier();
        return new OrganizationView(
                org.id().toString(),
                "organization",
                org.name(),
                tier.code(),
                org.status(),
                new Limits(
                        tier.maxStores().isPresent() ? tier.maxStores().getAsInt() : null,
                        tier.maxAgentInstances().isPresent()
                                ? tier.maxAgentInstances().getAsInt()
                                : null),
                org.usageCap(),
                org.billingTimezone(),
                org.createdAt());
    }
}
