package io.supportagent.tenancy;

import java.util.OptionalInt;

/** A structural limit of the tiers (SPEC §5), named as the API reports it. */
public enum TierLimit {
    STORES("stores"),
    AGENT_INSTANCES("agent_instances");

    private final String code;

    TierLimit(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    OptionalInt maxFor(Tier tier) {
        return this == STORES ? tier.maxStores() : tier.maxAgentInstances();
    }
}
