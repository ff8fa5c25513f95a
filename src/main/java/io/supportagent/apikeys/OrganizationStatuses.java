package io.supportagent.apikeys;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.supportagent.platform.OrganizationId;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.TenancyService;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether an authenticated key's organization may use the API, kept briefly in memory so that the request path
 * reads no organization row per request. A status change evicts it: at once on this node (the operator API's event),
 * and through the change notifications on every other node.
 */
@Component
class OrganizationStatuses {

    enum Status {
        ACTIVE,
        SUSPENDED,
        MISSING
    }

    private final LoadingCache<OrganizationId, Status> statuses;

    OrganizationStatuses(TenancyService tenancy, ApiKeySettings settings) {
        this.statuses = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(settings.cacheRecheck())
                .build(id -> {
                    Optional<Organization> org = tenancy.findOrganization(id);
                    return org.isEmpty() ? Status.MISSING : org.get().active() ? Status.ACTIVE : Status.SUSPENDED;
                });
    }

    Status status(OrganizationId id) {
        return statuses.get(id);
    }

    void evict(OrganizationId id) {
        statuses.invalidate(id);
    }

    void evictAll() {
        statuses.invalidateAll();
    }
}
