package io.supportagent.cli;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/** Start-up failures the platform understands are one line on standard error, not a wall of stack trace. */
public class OneLineFailureReporter implements FailureAnalysisReporter {

    @Override
    public void report(FailureAnalysis analysis) {
        System.err.println("error: " + analysis.getDescription()
                + (analysis.getAction() == null ? "" : " (" + analysis.getAction() + ")"));
    }
}
