package io.supportagent.dashboard;

import io.supportagent.platform.InvalidRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long the old secret goes on working after a roll, as the roll forms offer it (an API key, a webhook
 * endpoint's signing secret, an agent's widget key): the choices of {@code dashboard/roll-overlap :: select}.
 */
final class RollOverlap {

    static final Map<String, Duration> CHOICES = choices();

    private RollOverlap() {}

    private static Map<String, Duration> choices() {
        Map<String, Duration> choices = new LinkedHashMap<>();
        choices.put("now", Duration.ZERO);
        choices.put("1h", Duration.ofHours(1));
        choices.put("24h", Duration.ofHours(24));
        choices.put("3d", Duration.ofDays(3));
        choices.put("7d", Duration.ofDays(7));
        return choices;
    }

    /** The chosen overlap; 400 for none or one the form does not offer. */
    static Duration of(String choice, String what) {
        Duration keep = choice == null ? null : CHOICES.get(choice);
        if (keep == null) {
            throw new InvalidRequest(
                    "Choose how long the old " + what + " keeps working.",
                    Map.of("overlap", "must be one of " + String.join(", ", CHOICES.keySet())));
        }
        return keep;
    }
}
