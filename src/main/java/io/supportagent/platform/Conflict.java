package io.supportagent.platform;

import org.springframework.http.HttpStatus;

/** The object is in a state that does not allow the change. */
public class Conflict extends ApiProblem {

    public Conflict(String code, String detail) {
        super(HttpStatus.CONFLICT, code, "Conflict", detail);
    }
}
