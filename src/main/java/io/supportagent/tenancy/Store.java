package io.supportagent.tenancy;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import java.time.Instant;
import java.util.List;

/**
 * An online store of an organization; its allowed origins may embed the chat widget.
 *
 * @param serverRequestsAllowed whether the widget API also serves requests without an {@code Origin} (the store's
 *     own server rather than a browser page)
 */
public record Store(
        StoreId id,
        OrganizationId organizationId,
        String name,
        String domain,
        List<String> allowedOrigins,
        Instant createdAt,
        Instant updatedAt,
        boolean serverRequestsAllowed) {}
