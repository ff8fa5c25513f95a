package io.supportagent.members;

import io.supportagent.platform.MemberRole;
import io.supportagent.platform.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/** An invitation to join an organization (never its token, which only the link sent by mail carries). */
public record Invitation(
        UUID id,
        OrganizationId organizationId,
        String email,
        MemberRole role,
        Instant createdAt,
        Instant sentAt,
        Instant expiresAt,
        Instant acceptedAt,
        Instant revokedAt) {

    public enum Status {
        PENDING,
        EXPIRED,
        ACCEPTED,
        REVOKED
    }

    public Status status(Instant now) {
        if (acceptedAt != null) {
            return Status.ACCEPTED;
        }
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        return now.isBefore(expiresAt) ? Status.PENDING : Status.EXPIRED;
    }

    /** Neither accepted nor revoked: it can be sent again (also once expired) or revoked. */
    public boolean open() {
        return acceptedAt == null && revokedAt == null;
    }
}
