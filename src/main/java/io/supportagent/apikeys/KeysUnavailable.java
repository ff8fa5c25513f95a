package io.supportagent.apikeys;

import io.supportagent.platform.ApiProblem;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** 503 {@code service_unavailable}: a key could not be checked right now (the database away, bcrypt saturated). */
final class KeysUnavailable extends ApiProblem {

    KeysUnavailable() {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "service_unavailable",
                "Service unavailable",
                "The key could not be checked right now; retry shortly.");
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", "1");
    }
}
