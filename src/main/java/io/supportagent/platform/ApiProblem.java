package io.supportagent.platform;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error that the API answers as RFC 9457 problem details with a stable machine-readable {@code code}. Modules
 * extend it with exceptions named for what happened; the global handler renders them all alike.
 */
public abstract class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String title;

    protected ApiProblem(HttpStatus status, String code, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** Extra members of the problem body, such as the name of a limit. */
    public Map<String, Object> properties() {
        return Map.of();
    }

    /** Response headers that belong with the problem, such as {@code Retry-After}. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
