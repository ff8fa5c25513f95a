package io.supportagent.agents;

import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.web.ApiTags;
import io.supportagent.platform.web.ProblemResponse;
import io.supportagent.platform.web.RequestExample;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/agent-instances/{id}/identity}: identity verification of an instance's shoppers — its settings, a new
 * secret (shown once), whether verification is required, and turning it off.
 */
@RestController
@Tag(name = ApiTags.AGENTS)
class IdentityController {

    private final IdentityVerification identity;

    IdentityController(IdentityVerification identity) {
        this.identity = identity;
    }

    record IdentityView(
            String object,
            String agentInstance,
            boolean enabled,
            boolean required,
            Instant secretCreatedAt,
            String secret) {

        static IdentityView of(AgentInstanceId instance, IdentitySettings settings, String secret) {
            return new IdentityView(
                    "identity_verification",
                    instance.toString(),
                    settings.enabled(),
                    settings.required(),
                    settings.secretCreatedAt(),
                    secret);
        }
    }

    record RequireIdentity(@NotNull Boolean required) {}

    @Operation(
            operationId = "getIdentityVerification",
            summary = "Get an agent instance's identity verification",
            description = "Whether the instance has an identity secret (so that the store can sign its shoppers'"
                    + " identities) and whether it requires verified shoppers. The secret itself is never shown again.")
    @GetMapping("/v1/agent-instances/{id}/identity")
    IdentityView get(@PathVariable String id) {
        AgentInstanceId instance = AgentInstanceId.parse(id);
        return IdentityView.of(instance, identity.settings(instance), null);
    }

    /** A new identity secret, shown in this answer only; the previous one stops verifying at once. */
    @Operation(
            operationId = "rollIdentitySecret",
            summary = "Make a new identity secret",
            description = "Answers a new identity secret (`idsec_…`), shown in this answer only. The store's server"
                    + " signs a logged-in shopper as an HS256 JWT with it (claims `sub`, `email`, `name`, `exp` at"
                    + " most 24 hours ahead); the widget passes it when a conversation starts. The previous secret"
                    + " stops verifying at once. A live key only.")
    @ProblemResponse(status = 403, codes = "live_mode_required")
    @PostMapping("/v1/agent-instances/{id}/identity/roll-secret")
    IdentityView rollSecret(@PathVariable String id) {
        AgentInstanceId instance = AgentInstanceId.parse(id);
        IdentityVerification.IssuedSecret issued = identity.rollSecret(instance);
        return IdentityView.of(instance, issued.settings(), issued.secret());
    }

    @Operation(
            operationId = "updateIdentityVerification",
            summary = "Require verified shoppers, or not",
            description = "`required: true` makes the instance talk only to shoppers whose identity the store signed;"
                    + " it needs an identity secret first (else 409 `identity_secret_required`). A live key only.")
    @RequestExample("""
            {"required": true}""")
    @ProblemResponse(status = 403, codes = "live_mode_required")
    @ProblemResponse(status = 409, codes = "identity_secret_required")
    @PatchMapping("/v1/agent-instances/{id}/identity")
    IdentityView update(@PathVariable String id, @Valid @RequestBody RequireIdentity body) {
        AgentInstanceId instance = AgentInstanceId.parse(id);
        return IdentityView.of(instance, identity.require(instance, body.required()), null);
    }

    @Operation(
            operationId = "disableIdentityVerification",
            summary = "Turn identity verification off",
            description = "Deletes the identity secret: shoppers are no longer verified, nor required to be. A live"
                    + " key only.")
    @ProblemResponse(status = 403, codes = "live_mode_required")
    @DeleteMapping("/v1/agent-instances/{id}/identity")
    IdentityView disable(@PathVariable String id) {
        AgentInstanceId instance = AgentInstanceId.parse(id);
        identity.disable(instance);
        return IdentityView.of(instance, IdentitySettings.DISABLED, null);
    }
}
