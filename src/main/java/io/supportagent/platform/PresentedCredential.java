package io.supportagent.platform;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A credential as a request presented it, not yet verified: the raw key or token (never logged: {@link #toString}
 * shows none of it) and the client's address, which failure budgets count by.
 */
public final class PresentedCredential extends AbstractAuthenticationToken {

    private final String value;
    private final String clientAddress;

    public PresentedCredential(String value, String clientAddress) {
        super(List.of());
        this.value = value;
        this.clientAddress = clientAddress;
    }

    public String value() {
        return value;
    }

    public String clientAddress() {
        return clientAddress;
    }

    @Override
    public Object getCredentials() {
        return value;
    }

    @Override
    public Object getPrincipal() {
        return null;
    }

    @Override
    public String toString() {
        return "PresentedCredential[***]";
    }
}
