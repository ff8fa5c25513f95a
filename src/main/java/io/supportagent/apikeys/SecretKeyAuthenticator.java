package io.supportagent.apikeys;

import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.Caller;
import io.supportagent.platform.CallerAuthentication;
import io.supportagent.platform.CallerAuthenticator;
import io.supportagent.platform.CallerRefused;
import io.supportagent.platform.Forbidden;
import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.PresentedCredential;
import io.supportagent.platform.ServiceUnavailable;
import io.supportagent.platform.Unauthenticated;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.TenancyService;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Authenticates the organization API: {@code Authorization: Bearer sk_live_…|sk_test_…}, verified by
 * {@link ApiKeyVerifier} (its caches and failure budgets). A valid key makes the caller a {@link Caller.SecretKey},
 * whose organization and live/test mode are the tenant of all of the request's transactions. Refusals: 401
 * {@code missing_api_key}, {@code invalid_authorization_header}, {@code invalid_api_key} (malformed, unknown and wrong
 * keys alike), {@code api_key_revoked} and {@code api_key_expired} (only once the secret itself verified); 403
 * {@code secret_key_required} (a widget key) and {@code organization_suspended}; 429 {@code too_many_failed_attempts};
 * 503 {@code service_unavailable} when keys cannot be checked.
 */
@Component
public final class SecretKeyAuthenticator implements CallerAuthenticator {

    static final String SCHEME = "Bearer realm=\"api\"";

    private static final Logger log = LoggerFactory.getLogger(SecretKeyAuthenticator.class);

    private final ApiKeyVerifier verifier;
    private final TenancyService tenancy;
    private final LastUsedRecorder lastUsed;
    private final Duration failureDelay;
    private final Semaphore waiting;

    SecretKeyAuthenticator(
            ApiKeyVerifier verifier, TenancyService tenancy, LastUsedRecorder lastUsed, ApiKeySettings settings) {
        this.verifier = verifier;
        this.tenancy = tenancy;
        this.lastUsed = lastUsed;
        this.failureDelay = settings.failureDelay();
        this.waiting = new Semaphore(settings.failureDelayMaxWaiting());
    }

    @Override
    public PresentedCredential convert(HttpServletRequest request) {
        try {
            String token = BearerToken.of(request, SCHEME);
            return token == null ? null : new PresentedCredential(token, request.getRemoteAddr());
        } catch (ApiProblem problem) {
            throw new CallerRefused(problem);
        }
    }

    @Override
    public ApiProblem missingCredentials() {
        return new Unauthenticated(
                "missing_api_key", "Send your secret key as 'Authorization: Bearer sk_live_…' (or sk_test_…).", SCHEME);
    }

    @Override
    public CallerAuthentication authenticate(Authentication authentication) {
        PresentedCredential presented = (PresentedCredential) authentication;
        Caller.SecretKey caller;
        try {
            caller = verify(presented.value(), presented.clientAddress());
        } catch (ApiProblem problem) {
            if (problem instanceof TooManyFailedAttempts || "invalid_api_key".equals(problem.code())) {
                holdBack();
            }
            throw new CallerRefused(problem);
        } catch (RuntimeException e) {
            // Never the key: only the kind of failure (the database being away, most likely).
            log.warn("Could not verify an API key: {}", e.getClass().getSimpleName());
            throw new CallerRefused(new ServiceUnavailable());
        }
        lastUsed.used(caller.keyId());
        return new CallerAuthentication(caller);
    }

    private Caller.SecretKey verify(String presented, String clientAddress) {
        Optional<KeyFormat.ParsedKey> parsed = KeyFormat.parse(presented);
        if (parsed.isPresent() && parsed.get().type() == KeyFormat.Type.WIDGET) {
            throw new Forbidden(
                    "secret_key_required", "A widget key cannot be used on the organization API; use a secret key.");
        }
        VerifiedKey key = switch (verifier.verify(presented, clientAddress)) {
            case ApiKeyVerifier.Valid valid -> valid.key();
            case ApiKeyVerifier.Throttled throttled -> throw new TooManyFailedAttempts(throttled.retryAfter());
            case ApiKeyVerifier.Busy busy -> throw new ServiceUnavailable();
            case ApiKeyVerifier.Rejected rejected ->
                throw switch (rejected.reason()) {
                    case REVOKED -> new Unauthenticated("api_key_revoked", "This API key has been revoked.", SCHEME);
                    case EXPIRED ->
                        new Unauthenticated(
                                "api_key_expired", "This API key has expired; use the key that replaced it.", SCHEME);
                    case INVALID -> invalid();
                };
        };
        // The organization as this node last read it: no database work per request, forgotten when it changes.
        Organization organization =
                tenancy.organizationSnapshot(key.organizationId()).orElseThrow(SecretKeyAuthenticator::invalid);
        if (!organization.active()) {
            throw new Forbidden("organization_suspended", "This organization is suspended; contact support.");
        }
        return new Caller.SecretKey(key.organizationId(), key.livemode(), key.keyId());
    }

    /**
     * Holds an answer to a wrong or throttled key back a little. On a virtual thread this costs no CPU, and a client
     * that guesses keys one request after another gets only a few answers per second per connection, so a flood of
     * wrong keys cannot crowd out valid traffic. Bounded, so that held answers cannot pile up without limit.
     */
    private void holdBack() {
        if (failureDelay.isZero() || !waiting.tryAcquire()) {
            return;
        }
        try {
            Thread.sleep(failureDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.release();
        }
    }

    /** The one answer for malformed, unknown and wrong keys alike: nothing tells whether a key exists. */
    private static Unauthenticated invalid() {
        return new Unauthenticated("invalid_api_key", "The API key is invalid.", SCHEME);
    }
}
