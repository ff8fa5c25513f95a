package io.supportagent.platform.web;

import java.net.URI;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds the RFC 9457 bodies every error of the platform answers with. */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private Problems() {}

    public static ProblemDetail problem(HttpStatusCode status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://docs.supportagent.io/errors#" + code));
        problem.setProperty("code", code);
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            problem.setProperty("request_id", requestId);
        }
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem, Map<String, String> headers) {
        ResponseEntity.BodyBuilder builder =
                ResponseEntity.status(problem.getStatus()).contentType(PROBLEM_JSON);
        headers.forEach(builder::header);
        return builder.body(problem);
    }
}
