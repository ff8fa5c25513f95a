package io.supportagent.apikeys;

import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.Caller;
import io.supportagent.platform.CallerAuthentication;
import io.supportagent.platform.CallerAuthenticator;
import io.supportagent.platform.CallerRefused;
import io.supportagent.platform.OperatorToken;
import io.supportagent.platform.PresentedCredential;
import io.supportagent.platform.Unauthenticated;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Authenticates the platform API's machines: {@code Authorization: Bearer <operator token>}, compared in constant
 * time. Anything else answers 401 {@code invalid_operator_token}.
 */
@Component
public final class OperatorTokenAuthenticator implements CallerAuthenticator {

    private static final String SCHEME = "Bearer realm=\"platform\"";

    private final OperatorToken token;

    OperatorTokenAuthenticator(OperatorToken token) {
        this.token = token;
    }

    @Override
    public PresentedCredential convert(HttpServletRequest request) {
        try {
            String presented = BearerToken.of(request, SCHEME);
            return presented == null ? null : new PresentedCredential(presented, request.getRemoteAddr());
        } catch (ApiProblem notBearer) {
            throw new CallerRefused(missingCredentials());
        }
    }

    @Override
    public ApiProblem missingCredentials() {
        return new Unauthenticated(
                "invalid_operator_token", "The platform API needs 'Authorization: Bearer <operator token>'.", SCHEME);
    }

    @Override
    public CallerAuthentication authenticate(Authentication authentication) {
        if (!token.matches(((PresentedCredential) authentication).value())) {
            throw new CallerRefused(missingCredentials());
        }
        return new CallerAuthentication(new Caller.Operator());
    }
}
