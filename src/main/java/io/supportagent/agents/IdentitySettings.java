package io.supportagent.agents;

import java.time.Instant;

/**
 * Identity verification of an agent instance's shoppers.
 *
 * @param enabled whether the instance has a secret, so that stores can sign shoppers' identities
 * @param required whether a conversation needs a verified shopper
 * @param secretCreatedAt when the current secret was made; null without one
 */
public record IdentitySettings(boolean enabled, boolean required, Instant secretCreatedAt) {

    static final IdentitySettings DISABLED = new IdentitySettings(false, false, null);
}
