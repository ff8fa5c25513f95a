package io.supportagent.conversations;

import io.supportagent.platform.AgentDefinitionId;
import io.supportagent.platform.StoreId;
import java.time.Instant;
import java.util.List;

/**
 * Support analytics of the tenant's mode for conversations started in {@code [from, to)}: in all, per store, and per
 * agent definition version (the version the instance ran when the conversation started), so that an upgrade shows.
 */
public record SupportAnalytics(
        Instant from, Instant to, SupportMetrics total, List<PerStore> stores, List<PerVersion> versions) {

    public record PerStore(StoreId storeId, SupportMetrics metrics) {}

    /** {@code definitionId} is null for conversations older than the record of versions. */
    public record PerVersion(AgentDefinitionId definitionId, String type, String version, SupportMetrics metrics) {}
}
