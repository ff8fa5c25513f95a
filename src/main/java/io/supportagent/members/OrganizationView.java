package io.supportagent.members;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/**
 * Operator staff viewing one organization's dashboard read-only ("view as organization"), with a reason, until a time
 * limit.
 *
 * @param endsAt the time limit: the view ends at the first request after it
 * @param endedAt when it ended (by the operator, at its time limit, or at sign-out); null while it runs
 * @param endedHow {@code ended}, {@code expired} or {@code signed_out}; null while it runs
 */
public record OrganizationView(
        UUID id,
        AccountId accountId,
        String operatorEmail,
        OrganizationId organizationId,
        String reason,
        Instant startedAt,
        Instant endsAt,
        Instant endedAt,
        String endedHow) {

    /** Whether it still runs at {@code now}. */
    public boolean runsAt(Instant now) {
        return endedAt == null && now.isBefore(endsAt);
    }
}
