package io.supportagent.platform;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * How the callers of one API surface prove who they are, as Spring Security sees it: it reads the credential from a
 * request ({@link AuthenticationConverter}: a {@link PresentedCredential}, or null when the request has none),
 * verifies it ({@link AuthenticationProvider}: a {@link CallerAuthentication}, or {@link CallerRefused} with the
 * problem to answer), and says what to answer a request that presented nothing.
 */
public interface CallerAuthenticator extends AuthenticationConverter, AuthenticationProvider {

    /** The answer to a request of this surface that presented no credential at all. */
    ApiProblem missingCredentials();

    @Override
    default boolean supports(Class<?> authentication) {
        return PresentedCredential.class.isAssignableFrom(authentication);
    }

    @Override
    CallerAuthentication authenticate(Authentication presented) throws CallerRefused;
}
