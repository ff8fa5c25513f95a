package io.supportagent.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Refuses, before any chain or handler sees it, a request whose path could be read two ways: Spring Security's
 * {@link StrictHttpFirewall} (encoded {@code /}, {@code %}, {@code .} and {@code \}, {@code ;} path parameters,
 * {@code //}, dot segments, control characters, unknown methods), and on top of it decoded paths that are not
 * printable ASCII (every route is ASCII) and query strings that are not valid percent-encoded UTF-8 (which would
 * otherwise surface deep in parameter parsing). What passes has one spelling that the chains' matchers and Spring
 * MVC read alike: they both match the decoded path. Parameter values (query and form fields) holding NUL are refused
 * when read.
 */
final class PathFirewall implements HttpFirewall {

    private final StrictHttpFirewall strict = new StrictHttpFirewall();

    PathFirewall() {
        // A form field holding NUL cannot be stored (PostgreSQL text refuses it) and no person types one: refused
        // (400) when the parameter is read, instead of failing at the insert. Line breaks and tabs stay allowed.
        strict.setAllowedParameterValues(value -> value.indexOf('\0') < 0);
    }

    @Override
    public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
        FirewalledRequest checked = strict.getFirewalledRequest(request);
        if (!printableAscii(request.getServletPath()) || !printableAscii(request.getPathInfo())) {
            throw new RequestRejectedException("The decoded path holds characters outside printable ASCII.");
        }
        if (!validQuery(request.getQueryString())) {
            throw new RequestRejectedException("The query string is not valid percent-encoded UTF-8.");
        }
        return checked;
    }

    @Override
    public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
        return strict.getFirewalledResponse(response);
    }

    static boolean printableAscii(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every {@code %XX} escape well-formed, the bytes they and the plain characters make valid UTF-8, and no control
     * character (NUL, line breaks) in what they decode to.
     */
    static boolean validQuery(String query) {
        if (query == null) {
            return true;
        }
        ByteBuffer bytes = ByteBuffer.allocate(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length()) {
                    return false;
                }
                int high = Character.digit(query.charAt(i + 1), 16);
                int low = Character.digit(query.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return false;
                }
                bytes.put((byte) (high << 4 | low));
                i += 2;
            } else if (c < 0x20 || c > 0x7e) {
                return false;
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        try {
            CharSequence decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return decoded.chars().noneMatch(Character::isISOControl);
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
