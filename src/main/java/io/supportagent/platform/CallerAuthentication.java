package io.supportagent.platform;

import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A verified {@link Caller} as Spring Security's authentication: what a security chain puts in the request's security
 * context once a credential checked out. It holds no credential (the presented key is never kept), and grants the
 * caller's authorities ({@code ROLE_SECRET_KEY}, {@code ROLE_WIDGET}, {@code ROLE_OPERATOR}; a member's
 * {@code ROLE_MEMBER} with their role's permissions).
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    public CallerAuthentication(Caller caller) {
        super(caller.authorities().stream().map(SimpleGrantedAuthority::new).toList());
        this.caller = caller;
        setAuthenticated(true);
    }

    /** The caller of the current request, if a security chain verified one. */
    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof CallerAuthentication verified
                ? Optional.of(verified.caller)
                : Optional.empty();
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return caller.role();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CallerAuthentication that && caller.equals(that.caller);
    }

    @Override
    public int hashCode() {
        return caller.hashCode();
    }
}
