package io.supportagent.tenancy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;

/** The plan an organization is on, with the structural limits of SPEC §5 (prices live in the billing plans). */
public enum Tier {
    BASIC(1, 1),
    PRO(10, 10),
    ENTERPRISE(-1, -1);

    private final int maxStores;
    private final int maxAgentInstances;

    Tier(int maxStores, int maxAgentInstances) {
        this.maxStores = maxStores;
        this.maxAgentInstances = maxAgentInstances;
    }

    /** Empty when unlimited. */
    public OptionalInt maxStores() {
        return maxStores < 0 ? OptionalInt.empty() : OptionalInt.of(maxStores);
    }

    /** Empty when unlimited. */
    public OptionalInt maxAgentInstances() {
        return maxAgentInstances < 0 ? OptionalInt.empty() : OptionalInt.of(maxAgentInstances);
    }

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Tier of(String code) {
        return Arrays.stream(values())
                .filter(t -> t.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown tier " + code));
    }
}
