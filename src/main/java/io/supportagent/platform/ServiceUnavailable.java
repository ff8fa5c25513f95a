package io.supportagent.platform;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * 503 {@code service_unavailable}: the request could not be served right now (the database is away, overloaded or
 * too slow) and nothing was changed, or the change may be retried safely with the same {@code Idempotency-Key}. The
 * client retries after {@code Retry-After} seconds.
 */
public class ServiceUnavailable extends ApiProblem {

    /** Seconds a client waits before retrying: an outage the platform rides out is over in seconds. */
    public static final int RETRY_AFTER_SECONDS = 2;

    public ServiceUnavailable() {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "service_unavailable",
                "Service unavailable",
                "The service is briefly unavailable; retry after the number of seconds in Retry-After.");
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }
}
