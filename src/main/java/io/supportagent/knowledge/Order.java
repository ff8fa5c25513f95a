package io.supportagent.knowledge;

import io.supportagent.platform.StoreId;
import java.time.Instant;
import java.util.List;

/**
 * An order as the store last synced it.
 *
 * @param updatedAt the store's own last-change time: a sync older than the stored one is ignored
 */
public record Order(
        StoreId storeId,
        String number,
        String customerEmail,
        String status,
        List<Item> items,
        String trackingUrl,
        Instant updatedAt,
        Instant syncedAt) {

    /** A line of an order; {@code priceCents} in minor units, optional. */
    public record Item(String name, int quantity, Long priceCents) {}
}
