package io.supportagent.platform;

import org.springframework.http.HttpStatus;

/**
 * 400 {@code malformed_url}: the firewall refused the request line (a path with more than one spelling, characters
 * no route has, or a query string that is not valid UTF-8).
 */
public final class MalformedUrl extends ApiProblem {

    public MalformedUrl(String reason) {
        super(
                HttpStatus.BAD_REQUEST,
                "malformed_url",
                "Malformed URL",
                reason
                        + " Paths take no encoded '/', '.', '%' or '\\', no ';' parameters, no '//' and no dot segments.");
    }
}
