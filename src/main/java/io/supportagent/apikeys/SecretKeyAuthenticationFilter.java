package io.supportagent.apikeys;

import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.Caller;
import io.supportagent.platform.Forbidden;
import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.Unauthenticated;
import io.supportagent.platform.web.ProblemWriter;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.TenancyService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the organization API ({@code /v1/**}): {@code Authorization: Bearer sk_live_…|sk_test_…}. A valid key sets
 * the tenant (organization and live/test mode) for all of the request's transactions. Failures answer problem+json:
 * 401 {@code missing_api_key}, {@code invalid_authorization_header}, {@code invalid_api_key} (malformed, unknown and
 * wrong keys alike), {@code api_key_revoked} and {@code api_key_expired} (only once the secret itself verified);
 * 403 {@code secret_key_required} (a widget key) and {@code organization_suspended}; 429
 * {@code too_many_failed_attempts}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class SecretKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String SCHEME = "Bearer realm=\"api\"";

    private static final Logger log = LoggerFactory.getLogger(SecretKeyAuthenticationFilter.class);

    private final ApiKeyVerifier verifier;
    private final TenancyService tenancy;
    private final LastUsedRecorder lastUsed;
    private final ProblemWriter problems;
    private final Duration failureDelay;
    private final Semaphore waiting;

    SecretKeyAuthenticationFilter(
            ApiKeyVerifier verifier,
            TenancyService tenancy,
            LastUsedRecorder lastUsed,
            ProblemWriter problems,
            ApiKeySettings settings) {
        this.failureDelay = settings.failureDelay();
        this.waiting = new Semaphore(settings.failureDelayMaxWaiting());
        this.verifier = verifier;
        this.tenancy = tenancy;
        this.lastUsed = lastUsed;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller.SecretKey caller;
        try {
            caller = authenticate(request.getHeader("Authorization"), request.getRemoteAddr());
        } catch (ApiProblem problem) {
            if (problem instanceof TooManyFailedAttempts || "invalid_api_key".equals(problem.code())) {
                holdBack();
            }
            problems.write(response, problem);
            return;
        } catch (RuntimeException e) {
            // Never the key: only the kind of failure (the database being away, most likely).
            log.warn("Could not verify an API key: {}", e.getClass().getSimpleName());
            problems.write(response, new Unavailable());
            return;
        }
        lastUsed.used(caller.keyId());
        request.setAttribute(Caller.ATTRIBUTE, caller);
        TenantContext.set(caller.tenant());
        try {
            chain.doFilter(request, response);
        } finally {
            TenantContext.clear();
        }
    }

    private Caller.SecretKey authenticate(String header, String clientAddress) {
        if (header == null || header.isBlank()) {
            throw new Unauthenticated(
                    "missing_api_key",
                    "Send your secret key as 'Authorization: Bearer sk_live_…' (or sk_test_…).",
                    SCHEME);
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Unauthenticated(
                    "invalid_authorization_header", "The Authorization header must use the Bearer scheme.", SCHEME);
        }
        String presented = header.substring(7).strip();
        Optional<KeyFormat.ParsedKey> parsed = KeyFormat.parse(presented);
        if (parsed.isPresent() && parsed.get().type() == KeyFormat.Type.WIDGET) {
            throw new Forbidden(
                    "secret_key_required", "A widget key cannot be used on the organization API; use a secret key.");
        }
        VerifiedKey key = switch (verifier.verify(presented, clientAddress)) {
            case ApiKeyVerifier.Valid valid -> valid.key();
            case ApiKeyVerifier.Throttled throttled -> throw new TooManyFailedAttempts(throttled.retryAfter());
            case ApiKeyVerifier.Busy busy -> throw new Unavailable();
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
                tenancy.organizationSnapshot(key.organizationId()).orElseThrow(SecretKeyAuthenticationFilter::invalid);
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

    /** The keys could not be checked right now. */
    static final class Unavailable extends ApiProblem {
        Unavailable() {
            super(
                    org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE,
                    "service_unavailable",
                    "Service unavailable",
                    "The API key could not be checked right now; retry shortly.");
        }

        @Override
        public java.util.Map<String, String> headers() {
            return java.util.Map.of("Retry-After", "1");
        }
    }
}
