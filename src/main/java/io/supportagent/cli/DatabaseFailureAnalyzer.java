package io.supportagent.cli;

import io.supportagent.platform.db.DatabaseUnavailable;
import io.supportagent.platform.db.DatabaseUrl.InvalidDatabaseUrl;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/** Explains a database that cannot be used: a malformed {@code DATABASE_URL} or a server that does not answer. */
public class DatabaseFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidDatabaseUrl e) {
                return new FailureAnalysis(
                        e.getMessage(),
                        "set DATABASE_URL to postgres://user:password@host:5432/database, or unset it to use the embedded PostgreSQL",
                        e);
            }
            if (t instanceof DatabaseUnavailable e) {
                return new FailureAnalysis(e.getMessage(), null, e);
            }
        }
        return null;
    }
}
