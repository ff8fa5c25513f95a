package io.supportagent.apikeys;

import io.supportagent.platform.Unauthenticated;
import jakarta.servlet.http.HttpServletRequest;

/** The token of an {@code Authorization: Bearer …} header. */
final class BearerToken {

    private BearerToken() {}

    /** The token; null when the request has no Authorization header; refused when the header is not Bearer. */
    static String of(HttpServletRequest request, String scheme) {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            return null;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Unauthenticated(
                    "invalid_authorization_header", "The Authorization header must use the Bearer scheme.", scheme);
        }
        return header.substring(7).strip();
    }
}
