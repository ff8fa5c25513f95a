package io.supportagent.platform.web;

import io.supportagent.platform.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** Writes a problem body from a servlet filter, where no controller advice applies. */
@Component
public class ProblemWriter {

    private final ObjectMapper json;

    ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, ApiProblem problem) throws IOException {
        ProblemDetail body = Problems.problem(problem.status(), problem.code(), problem.title(), problem.getMessage());
        problem.properties().forEach(body::setProperty);
        problem.headers().forEach(response::setHeader);
        response.setStatus(problem.status().value());
        response.setContentType(Problems.PROBLEM_JSON.toString());
        json.writeValue(response.getOutputStream(), body);
    }
}
