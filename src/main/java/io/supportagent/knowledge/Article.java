package io.supportagent.knowledge;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import java.time.Instant;
import java.util.UUID;

/** A knowledge article of a store: what the agent quotes and cites. */
public record Article(
        UUID id,
        OrganizationId organizationId,
        StoreId storeId,
        String title,
        String body,
        String url,
        Instant createdAt,
        Instant updatedAt) {}
