package io.supportagent.members;

import io.supportagent.platform.AccountId;
import java.io.Serial;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * A person who gave the right password but not yet the code of their authenticator app: what the session keeps
 * between the two steps. It holds Spring Security's password factor and no role, so no dashboard or console page and
 * no organization (the member and operator filters see no {@link SignedIn}) opens for it; only the code page does,
 * which replaces it with a {@link SignedIn} once a code is right.
 */
final class SecondFactorPending extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UUID account;
    private final String email;
    private final String name;
    private final Instant since;

    SecondFactorPending(AccountId account, String email, String name, Instant since) {
        super(List.of(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
                .issuedAt(since)
                .build()));
        this.account = account.value();
        this.email = email;
        this.name = name;
        this.since = since;
        setAuthenticated(true); // one factor proven; the missing role keeps every page closed
    }

    AccountId accountId() {
        return new AccountId(account);
    }

    String email() {
        return email;
    }

    String displayName() {
        return name;
    }

    Instant since() {
        return since;
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
        return other instanceof SecondFactorPending that && account.equals(that.account) && since.equals(that.since);
    }

    @Override
    public int hashCode() {
        return account.hashCode();
    }
}
