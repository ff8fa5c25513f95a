package io.supportagent.agents;

import io.supportagent.platform.AgentInstanceId;
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

    @GetMapping("/v1/agent-instances/{id}/identity")
    IdentityView get(@PathVariable String id) {
        AgentInstanceId instance = AgentInstanceId.parse(id);
        return IdentityView.of(instance, identity.settings(instance), null);
    }

    /** A new identity secret, shown in this answer only; the previous one stops verifying at once. */
    @PostMapping("/v1/agent-instances/{id}/identity/roll-secret")
    IdentityView rollSecret(@PathVariable String id) {
        AgentInstanceId instance = AgentInstanceId.parse(id);
        IdentityVerification.IssuedSecret issued = identity.rollSecret(instance);
        return IdentityView.of(instance, issued.settings(), issued.secret());
    }

    @PatchMapping("/v1/agent-instances/{id}/identity")
    IdentityView update(@PathVariable String id, @Valid @RequestBody RequireIdentity body) {
        AgentInstanceId instance = AgentInstanceId.parse(id);
        return IdentityView.of(instance, identity.require(instance, body.required()), null);
    }

    @DeleteMapping("/v1/agent-instances/{id}/identity")
    IdentityView disable(@PathVariable String id) {
        AgentInstanceId instance = AgentInstanceId.parse(id);
        identity.disable(instance);
        return IdentityView.of(instance, IdentitySettings.DISABLED, null);
    }
}
