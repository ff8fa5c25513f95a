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
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the organization API ({@code /v1/**}): {@code Authorization: Bearer sk_live_…|sk_test_…}. A valid key sets
 * the tenant (organization and live/test mode) for all of the request's transactions.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class SecretKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String SCHEME = "Bearer realm=\"api\"";

    private final ApiKeyVerifier verifier;
    private final TenancyService tenancy;
    private final ProblemWriter problems;

    SecretKeyAuthenticationFilter(ApiKeyVerifier verifier, TenancyService tenancy, ProblemWriter problems) {
        this.verifier = verifier;
        this.tenancy = tenancy;
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
            caller = authenticate(request.getHeader("Authorization"));
        } catch (ApiProblem problem) {
            problems.write(response, problem);
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller);
        TenantContext.set(caller.tenant());
        try {
            chain.doFilter(request, response);
        } finally {
            TenantContext.clear();
        }
    }

    private Caller.SecretKey authenticate(String header) {
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
        VerifiedKey key = verifier.verify(presented)
                .orElseThrow(() ->
                        new Unauthenticated("invalid_api_key", "The API key is invalid, revoked or expired.", SCHEME));
        Organization org = tenancy.findOrganization(key.organizationId())
                .orElseThrow(() ->
                        new Unauthenticated("invalid_api_key", "The API key is invalid, revoked or expired.", SCHEME));
        if (!org.active()) {
            throw new Forbidden("organization_suspended", "This organization is suspended; contact support.");
        }
        return new Caller.SecretKey(key.organizationId(), key.livemode(), key.keyId());
    }
}
