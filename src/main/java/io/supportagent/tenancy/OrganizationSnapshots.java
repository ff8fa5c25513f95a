package io.supportagent.tenancy;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.supportagent.platform.OrganizationId;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Each organization's row as this node last read it, so that the request path (the key's organization status on
 * every {@code /v1} request, {@code GET /v1/organization}) reads no organization row per request.
 *
 * <p>Fresh enough by eviction, not by expiry: {@link TenancyService} forgets an organization on this node as soon as
 * its own change commits, and a database trigger tells every other node (through the API key change notifications,
 * which forget it there). The recheck interval is only the safety net behind a missed notification.
 */
@Component
class OrganizationSnapshots {

    private final LoadingCache<OrganizationId, Optional<Organization>> snapshots;

    OrganizationSnapshots(
            Organizations organizations, @Value("${support-agent.organizations.cache-recheck:30s}") Duration recheck) {
        this.snapshots = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(recheck)
                .build(organizations::find);
    }

    Optional<Organization> get(OrganizationId id) {
        return snapshots.get(id);
    }

    void forget(OrganizationId id) {
        snapshots.invalidate(id);
    }

    void forgetAll() {
        snapshots.invalidateAll();
    }
}
