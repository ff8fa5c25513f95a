package io.supportagent.apikeys;

import io.supportagent.platform.ApiProblem;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Too many keys failed verification from this client or for this key: no more bcrypt for a while. */
class TooManyFailedAttempts extends ApiProblem {

    private final Duration retryAfter;

    TooManyFailedAttempts(Duration retryAfter) {
        super(
                HttpStatus.TOO_MANY_REQUESTS,
                "too_many_failed_attempts",
                "Too many failed attempts",
                "Too many invalid API keys were presented; retry after " + retryAfter.toSeconds() + " s.");
        this.retryAfter = retryAfter;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfter.toSeconds()));
    }
}
