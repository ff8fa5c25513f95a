package io.supportagent.platform;

import org.springframework.http.HttpStatus;

/** No such object for this caller: also what a foreign tenant's id answers, so that nothing can be inferred. */
public class NotFound extends ApiProblem {

    public NotFound(String what, Object id) {
        super(HttpStatus.NOT_FOUND, "not_found", "Not found", "No " + what + " with id " + safe(id) + ".");
    }

    private static String safe(Object id) {
        String text = String.valueOf(id);
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
