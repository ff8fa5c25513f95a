package io.supportagent.security;

import io.supportagent.platform.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;

/** 404 {@code not_found} for a path that no surface serves, in the words Spring MVC uses for an unmapped route. */
final class NoSuchRoute extends ApiProblem {

    private static final int MAX_PATH = 200;

    NoSuchRoute(HttpServletRequest request) {
        super(
                HttpStatus.NOT_FOUND,
                "not_found",
                "Not Found",
                "No endpoint " + request.getMethod() + " " + path(request) + ".");
    }

    /** The path as the firewall let it through (printable ASCII), cut short. */
    private static String path(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.length() > MAX_PATH ? path.substring(0, MAX_PATH) + "…" : path;
    }
}
