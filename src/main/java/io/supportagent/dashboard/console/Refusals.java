package io.supportagent.dashboard.console;

import io.supportagent.platform.ApiProblem;
import java.util.Map;
import java.util.stream.Collectors;

/** A refused change as a sentence for the page: the problem's message and, when it names fields, what is wrong. */
final class Refusals {

    private Refusals() {}

    static String message(ApiProblem problem) {
        if (problem.properties().get("errors") instanceof Map<?, ?> errors && !errors.isEmpty()) {
            return problem.getMessage() + " "
                    + errors.entrySet().stream()
                            .map(e -> e.getKey().toString().replace('_', ' ') + ": " + e.getValue())
                            .collect(Collectors.joining("; "))
                    + ".";
        }
        return problem.getMessage();
    }
}
