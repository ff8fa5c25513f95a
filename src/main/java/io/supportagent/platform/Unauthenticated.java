package io.supportagent.platform;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The request did not prove who it is. The same answer for unknown, wrong, revoked and expired keys, so that
 * nothing reveals whether a key exists.
 */
public class Unauthenticated extends ApiProblem {

    private final String scheme;

    public Unauthenticated(String code, String detail, String scheme) {
        super(HttpStatus.UNAUTHORIZED, code, "Unauthenticated", detail);
        this.scheme = scheme;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("WWW-Authenticate", scheme);
    }
}
