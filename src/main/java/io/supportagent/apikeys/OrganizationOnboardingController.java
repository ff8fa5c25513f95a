package io.supportagent.apikeys;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.supportagent.platform.Caller;
import io.supportagent.platform.OperatorOnly;
import io.supportagent.platform.web.ApiTags;
import io.supportagent.platform.web.RequestExample;
import io.supportagent.tenancy.CreateOrganization;
import io.supportagent.tenancy.OrganizationDetails;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /platform/v1/organizations}: the operator creates an organization and receives its first live and test
 * secret keys, shown this once, and with {@code owner_email} the invitation link of its first owner. It lives with the keys so that tenancy does not depend on apikeys; reading and
 * changing organizations is tenancy's {@code PlatformOrganizationController}.
 */
@RestController
@OperatorOnly
@Tag(name = ApiTags.ORGANIZATIONS)
class OrganizationOnboardingController {

    private final ApiKeyService keys;
    private final Clock clock;

    OrganizationOnboardingController(ApiKeyService keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * @param ownerInvitationUrl the single-use link that makes {@code owner_email} the organization's first owner (also
     *     sent to them by mail); shown this once
     */
    record OnboardedView(
            @JsonUnwrapped OrganizationDetails organization,
            ApiKeyView liveKey,
            ApiKeyView testKey,
            String ownerInvitationUrl) {}

    @Operation(
            operationId = "createOrganization",
            summary = "Create an organization (operator)",
            description = "Creates an organization on a tier (enterprise may carry custom pricing and limits) and"
                    + " answers it with its first live and test secret keys, shown this once.")
    @RequestExample("""
            {"name": "Trail Outfitters", "tier": "pro", "usage_cap": 20000, "billing_timezone": "Europe/Berlin"}""")
    @PostMapping("/platform/v1/organizations")
    @ResponseStatus(HttpStatus.CREATED)
    OnboardedView create(Caller.Operator operator, @Valid @RequestBody CreateOrganization body) {
        ApiKeyService.Onboarded onboarded = keys.createOrganization(body, body.ownerEmail());
        Instant now = clock.instant();
        return new OnboardedView(
                OrganizationDetails.of(onboarded.organization()),
                ApiKeyView.of(
                        onboarded.liveKey().key(), now, onboarded.liveKey().secret()),
                ApiKeyView.of(
                        onboarded.testKey().key(), now, onboarded.testKey().secret()),
                onboarded.ownerInvitationUrl());
    }
}
