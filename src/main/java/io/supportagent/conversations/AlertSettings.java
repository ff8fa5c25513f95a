package io.supportagent.conversations;

import io.supportagent.platform.StoreId;
import java.util.Set;

/**
 * A member's inbox alerts in one organization: all muted, or the stores whose conversations never alert them.
 *
 * @param muted no desktop alert and no sound at all
 * @param mutedStores stores that never alert this member
 */
public record AlertSettings(boolean muted, Set<StoreId> mutedStores) {

    public AlertSettings {
        mutedStores = Set.copyOf(mutedStores);
    }

    /** Whether this store's conversations stay silent for the member. */
    public boolean mutes(StoreId store) {
        return muted || mutedStores.contains(store);
    }
}
