package io.supportagent.agents;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.OneTimeSecrets;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.SharedConfiguration;
import io.supportagent.platform.TenantContext;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Identity verification, as Intercom and Zendesk do it: an agent instance has a secret (shown once, rollable), the
 * store's server signs the logged-in shopper's identity with it as a short-lived JWT (HS256; claims {@code sub},
 * {@code email}, {@code name}, {@code exp}), and the widget passes that token when the shopper starts a conversation.
 * A verified conversation carries the store's email for the shopper, so an order look-up needs none typed. An
 * instance may require verification. The secret never leaves this module except when it is issued.
 */
@Service
public class IdentityVerification {

    /** The longest a token may still be valid for: a leaked token must not open conversations for long. */
    static final Duration MAX_LIFETIME = Duration.ofHours(24);
    /** Tolerated difference between the store's clock and ours. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentitySecrets secrets;
    private final AgentInstances instances;
    private final Clock clock;

    IdentityVerification(IdentitySecrets secrets, AgentInstances instances, Clock clock) {
        this.secrets = secrets;
        this.instances = instances;
        this.clock = clock;
    }

    /** A secret issued now: shown once. */
    public record IssuedSecret(String secret, IdentitySettings settings) {
        @Override
        public String toString() {
            return "IssuedSecret[***, " + settings + "]";
        }
    }

    @Transactional(readOnly = true)
    public IdentitySettings settings(AgentInstanceId instance) {
        OrganizationId org = requireInstance(instance);
        return secrets.find(org, instance).map(IdentitySecrets.Stored::settings).orElse(IdentitySettings.DISABLED);
    }

    /**
     * A new secret for the instance, replacing any earlier one at once (tokens signed with the old one stop opening
     * conversations). A live key only.
     */
    @Transactional
    public IssuedSecret rollSecret(AgentInstanceId instance) {
        SharedConfiguration.requireLiveMode();
        OrganizationId org = requireInstance(instance);
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = OneTimeSecrets.IDENTITY_SECRET
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        IdentitySecrets.Stored stored = secrets.replace(org, instance, secret);
        return new IssuedSecret(stored.secret(), stored.settings());
    }

    /** Whether conversations need a verified shopper; only with a secret. A live key only. */
    @Transactional
    public IdentitySettings require(AgentInstanceId instance, boolean required) {
        SharedConfiguration.requireLiveMode();
        OrganizationId org = requireInstance(instance);
        if (!secrets.setRequired(org, instance, required)) {
            if (!required) {
                return IdentitySettings.DISABLED; // not required already: nothing to change
            }
            // A valid request the instance's state refuses (like a resolved conversation): 409, not a 400.
            throw new io.supportagent.platform.Conflict(
                    "identity_secret_required",
                    "Create an identity secret first: verification cannot be required without one.");
        }
        return secrets.find(org, instance).orElseThrow().settings();
    }

    /** Turns verification off: the secret is deleted, and shoppers are no longer verified. A live key only. */
    @Transactional
    public void disable(AgentInstanceId instance) {
        SharedConfiguration.requireLiveMode();
        secrets.delete(requireInstance(instance), instance);
    }

    /**
     * Checks a shopper's token for the instance, in the tenant's context: the verified shopper, or empty when no
     * token was given and the instance does not require one. A forged, expired or foreign token, or a missing one
     * where verification is required, answers 401 and must start nothing.
     */
    @Transactional(readOnly = true)
    public java.util.Optional<VerifiedShopper> verify(AgentInstanceId instance, String token) {
        OrganizationId org = TenantContext.require().organizationId();
        IdentitySecrets.Stored stored = secrets.find(org, instance).orElse(null);
        if (token == null || token.isBlank()) {
            if (stored != null && stored.settings().required()) {
                throw new IdentityRefused(
                        "identity_required", "This assistant talks only to signed-in shoppers; sign in and retry.");
            }
            return java.util.Optional.empty();
        }
        if (stored == null) {
            throw invalid("this assistant does not verify identities");
        }
        return java.util.Optional.of(check(token.strip(), stored.secret(), clock.instant()));
    }

    static VerifiedShopper check(String token, String secret, Instant now) {
        if (token.length() > 4096) {
            throw invalid("it is too long");
        }
        JWTClaimsSet claims;
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
                throw invalid("it must be signed with HS256");
            }
            if (!jwt.verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)))) {
                throw invalid("its signature does not match this assistant's identity secret");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("it is not a signed JWT");
        } catch (JOSEException e) {
            throw invalid("its signature could not be checked");
        }
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            throw invalid("it has no exp");
        }
        if (expires.toInstant().isBefore(now.minus(CLOCK_SKEW))) {
            throw invalid("it has expired");
        }
        if (expires.toInstant().isAfter(now.plus(MAX_LIFETIME).plus(CLOCK_SKEW))) {
            throw invalid("it is valid for more than " + MAX_LIFETIME.toHours() + " hours");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw invalid("it is not valid yet");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > 200) {
            throw invalid("its sub must name the shopper (1 to 200 characters)");
        }
        String email = text(claims, "email", 320);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw invalid("its email is not an email address");
        }
        return new VerifiedShopper(subject, email, text(claims, "name", 200));
    }

    private static String text(JWTClaimsSet claims, String name, int max) {
        Object value = claims.getClaim(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.length() > max) {
            throw invalid("its " + name + " must be text of at most " + max + " characters");
        }
        return text.isBlank() ? null : text.strip();
    }

    private OrganizationId requireInstance(AgentInstanceId instance) {
        OrganizationId org = TenantContext.require().organizationId();
        instances.find(org, instance).orElseThrow(() -> new NotFound("agent instance", instance));
        return org;
    }

    private static IdentityRefused invalid(String why) {
        return new IdentityRefused("invalid_identity_token", "The identity token is not valid: " + why + ".");
    }

    /** 401: the shopper's identity could not be verified; nothing was started. */
    static final class IdentityRefused extends ApiProblem {
        IdentityRefused(String code, String detail) {
            super(HttpStatus.UNAUTHORIZED, code, "Identity not verified", detail);
        }
    }
}
