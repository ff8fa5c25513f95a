package io.supportagent.platform;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** The request is well-formed but asks for something that cannot be done; {@code errors} names fields. */
public class InvalidRequest extends ApiProblem {

    private final Map<String, String> errors;

    public InvalidRequest(String detail) {
        this(detail, Map.of());
    }

    public InvalidRequest(String detail, Map<String, String> errors) {
        super(HttpStatus.BAD_REQUEST, "validation_failed", "Validation failed", detail);
        this.errors = Map.copyOf(errors);
    }

    @Override
    public Map<String, Object> properties() {
        return errors.isEmpty() ? Map.of() : Map.of("errors", errors);
    }
}
