package io.supportagent.members;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param key the key that seals authenticator secrets at rest: 32 random bytes, Base64 ({@code openssl rand -base64
 *     32}); without one, secrets are kept unsealed (still never shown after setup, nor logged), and the application
 *     says so when it starts
 * @param issuer the name authenticator apps show next to the person's email
 * @param failedCodesPerAccount wrong codes per person per window before codes are refused until the window refills
 * @param pendingSignIn how long a person who gave the right password has to give the code before starting over
 */
@Validated
@ConfigurationProperties("support-agent.members.two-factor")
record TwoFactorSettings(
        String key,
        @DefaultValue("Support Agent Platform") String issuer,
        @DefaultValue("5") @Min(1) int failedCodesPerAccount,
        @DefaultValue("5m") Duration pendingSignIn) {}
