package io.supportagent.platform;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** The request body is larger than the API accepts. */
public class PayloadTooLarge extends ApiProblem {

    private final long maxBytes;

    public PayloadTooLarge(long maxBytes) {
        super(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload_too_large",
                "Payload too large",
                "The request body may be at most " + maxBytes + " bytes.");
        this.maxBytes = maxBytes;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("max_bytes", maxBytes);
    }
}
