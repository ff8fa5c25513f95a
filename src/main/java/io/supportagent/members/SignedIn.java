package io.supportagent.members;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.CallerAuthentication;
import java.io.Serial;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A person signed in to the dashboard: what the session keeps (Spring Session stores it in PostgreSQL, serialized).
 * It names the account only; in which organization and with which role the person acts is decided per request from
 * the page's URL and the person's memberships (see {@link MemberCallerFilter}), so a role change or a removal takes
 * effect on the very next request. Its name is the account id, which Spring Session indexes, so that a password reset
 * can end every session of the person.
 */
public final class SignedIn extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final String ROLE = "PERSON";

    private final UUID account;
    private final String email;
    private final String name;

    /** The factor an authenticator app's code proves, as Spring Security names factors ({@code FACTOR_TOTP}). */
    static final String TOTP_FACTOR = "TOTP";

    /**
     * A person signed in with these proofs ({@link FactorGrantedAuthority}: the password, the password and an
     * authenticator code, or an OIDC provider's sign-in), recorded so that a page may one day ask for a fresh one.
     */
    SignedIn(AccountId account, String email, String name, List<FactorGrantedAuthority> factors) {
        super(java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(new SimpleGrantedAuthority("ROLE_" + ROLE)), factors.stream())
                .toList());
        this.account = account.value();
        this.email = email;
        this.name = name;
        setAuthenticated(true);
    }

    /** The signed-in person of the current request, on any dashboard page. */
    public static Optional<SignedIn> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof SignedIn person) {
            return Optional.of(person);
        }
        if (authentication instanceof CallerAuthentication caller && caller.getDetails() instanceof SignedIn person) {
            return Optional.of(person);
        }
        return Optional.empty();
    }

    public AccountId accountId() {
        return new AccountId(account);
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return name;
    }

    @Override
    public Object getPrincipal() {
        return account;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return account.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedIn that && account.equals(that.account);
    }

    @Override
    public int hashCode() {
        return account.hashCode();
    }
}
