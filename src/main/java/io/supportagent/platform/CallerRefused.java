package io.supportagent.platform;

import org.springframework.security.core.AuthenticationException;

/** A presented credential did not verify; {@link #problem()} is what the request answers (401, 403, 429 or 503). */
public final class CallerRefused extends AuthenticationException {

    private final transient ApiProblem problem;

    public CallerRefused(ApiProblem problem) {
        super(problem.getMessage());
        this.problem = problem;
    }

    public ApiProblem problem() {
        return problem;
    }
}
