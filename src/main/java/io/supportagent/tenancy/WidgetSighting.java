package io.supportagent.tenancy;

import io.supportagent.platform.StoreId;
import java.time.Instant;

/**
 * A website a store's chat widget was seen running on: the page origin of its first and latest widget request (the
 * latest within about a minute, see {@link WidgetSightings}).
 */
public record WidgetSighting(StoreId storeId, String origin, Instant firstSeenAt, Instant lastSeenAt) {}
