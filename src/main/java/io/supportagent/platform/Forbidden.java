package io.supportagent.platform;

import org.springframework.http.HttpStatus;

/** The caller is known but may not do this (a widget key on the secret API, a suspended organization, ...). */
public class Forbidden extends ApiProblem {

    public Forbidden(String code, String detail) {
        super(HttpStatus.FORBIDDEN, code, "Forbidden", detail);
    }
}
