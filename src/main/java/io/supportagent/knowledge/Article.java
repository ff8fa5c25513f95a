package io.supportagent.knowledge;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import java.time.Instant;
import java.util.UUID;

/**
 * A knowledge article of a store: what the agent quotes and cites.
 *
 * @param aiEnabled whether the agent answers from it (else it is kept for people only)
 */
public record Article(
        UUID id,
        OrganizationId organizationId,
        StoreId storeId,
        String title,
        String body,
        String url,
        Instant createdAt,
        Instant updatedAt,
        boolean aiEnabled) {

    /** An article the agent answers from. */
    public Article(
            UUID id,
            OrganizationId organizationId,
            StoreId storeId,
            String title,
            String body,
            String url,
            Instant createdAt,
            Instant updatedAt) {
        this(id, organizationId, storeId, title, body, url, createdAt, updatedAt, true);
    }
}
