package io.supportagent.tenancy;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import java.time.Instant;
import java.util.List;

/** An online store of an organization; its allowed origins may embed the chat widget. */
public record Store(
        StoreId id,
        OrganizationId organizationId,
        String name,
        String domain,
        List<String> allowedOrigins,
        Instant createdAt,
        Instant updatedAt) {}
