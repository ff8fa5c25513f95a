package io.supportagent.tenancy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One of the tenant's stores was created, changed or deleted. Published inside the transaction that did it, so that
 * the audit log's entry commits with the change: allowed websites decide where the store's widget may run, and who
 * changed them matters.
 *
 * @param action {@code created}, {@code updated} or {@code deleted}
 * @param changes for an update, each changed field (API names) with its value before and after; empty otherwise
 */
public record StoreChanged(Store store, String action, Map<String, OrganizationUpdated.Change> changes) {

    public StoreChanged {
        changes = Map.copyOf(changes);
    }

    /** What differs between two reads of one store; empty when nothing does. */
    static Map<String, OrganizationUpdated.Change> between(Store before, Store after) {
        Map<String, OrganizationUpdated.Change> changes = new LinkedHashMap<>();
        OrganizationUpdated.Change.put(changes, "name", before.name(), after.name());
        OrganizationUpdated.Change.put(changes, "domain", before.domain(), after.domain());
        OrganizationUpdated.Change.put(changes, "allowed_origins", before.allowedOrigins(), after.allowedOrigins());
        OrganizationUpdated.Change.put(
                changes, "server_requests_allowed", before.serverRequestsAllowed(), after.serverRequestsAllowed());
        return changes;
    }
}
