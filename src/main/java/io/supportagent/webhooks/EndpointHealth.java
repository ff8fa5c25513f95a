package io.supportagent.webhooks;

import io.supportagent.platform.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/**
 * How one webhook endpoint's deliveries went over a recent window, for the operator (never its secret or payloads).
 *
 * @param failed deliveries given up after their last attempt
 * @param retrying deliveries whose attempts failed so far and will be tried again
 * @param waiting deliveries not attempted yet
 * @param lastFailureStatus the HTTP status of the latest failing delivery's last attempt (null: no answer)
 * @param lastFailureError what went wrong on that attempt
 * @param lastFailureEventAt when the latest failing delivery's event happened
 */
public record EndpointHealth(
        UUID endpointId,
        OrganizationId organizationId,
        String organizationName,
        boolean livemode,
        String url,
        int delivered,
        int failed,
        int retrying,
        int waiting,
        Instant lastDeliveredAt,
        Integer lastFailureStatus,
        String lastFailureError,
        Instant lastFailureEventAt) {

    public int failing() {
        return failed + retrying;
    }

    /** Delivered of the attempted ones, in percent; null when none was attempted. */
    public Integer successPercent() {
        int attempted = delivered + failed + retrying;
        return attempted == 0 ? null : (int) Math.floor(100.0 * delivered / attempted);
    }
}
