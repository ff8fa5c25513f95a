package io.supportagent.legacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The earlier system's words for conversation statuses and message roles, and the platform's word for each: the
 * defaults of SPEC §8, extended or overridden by {@code --map-status OLD=NEW} and {@code --map-role OLD=NEW}. Every
 * platform word maps to itself, so a database that already speaks the platform's vocabulary needs no option.
 */
final class Vocabulary {

    static final List<String> STATUSES = List.of("open", "handed_off", "resolved");
    static final List<String> ROLES = List.of("customer", "agent", "human_agent", "system");

    private static final Map<String, String> DEFAULT_STATUSES = Map.ofEntries(
            Map.entry("open", "open"),
            Map.entry("closed", "resolved"),
            Map.entry("done", "resolved"),
            Map.entry("resolved", "resolved"),
            Map.entry("escalated", "handed_off"),
            Map.entry("pending_human", "handed_off"),
            Map.entry("human", "handed_off"),
            Map.entry("handed_off", "handed_off"));
    private static final Map<String, String> DEFAULT_ROLES = Map.ofEntries(
            Map.entry("user", "customer"),
            Map.entry("customer", "customer"),
            Map.entry("assistant", "agent"),
            Map.entry("bot", "agent"),
            Map.entry("ai", "agent"),
            Map.entry("agent", "agent"),
            Map.entry("human_agent", "human_agent"),
            Map.entry("system", "system"));

    private final Map<String, String> statuses;
    private final Map<String, String> roles;

    private Vocabulary(Map<String, String> statuses, Map<String, String> roles) {
        this.statuses = statuses;
        this.roles = roles;
    }

    static Vocabulary defaults() {
        return new Vocabulary(DEFAULT_STATUSES, DEFAULT_ROLES);
    }

    /**
     * The defaults with the operator's mappings on top.
     *
     * @throws IllegalArgumentException naming the option that is not {@code OLD=NEW} with NEW one of the platform's
     */
    static Vocabulary of(List<String> statusOptions, List<String> roleOptions) {
        return new Vocabulary(
                merge(DEFAULT_STATUSES, statusOptions, STATUSES, "--map-status"),
                merge(DEFAULT_ROLES, roleOptions, ROLES, "--map-role"));
    }

    Optional<String> status(String old) {
        return Optional.ofNullable(statuses.get(old));
    }

    Optional<String> role(String old) {
        return Optional.ofNullable(roles.get(old));
    }

    /** Old and new words of the values found, unknown ones left out, for one set-based statement. */
    static String[][] pairs(Map<String, Long> found, java.util.function.Function<String, Optional<String>> map) {
        List<String> olds =
                found.keySet().stream().filter(v -> map.apply(v).isPresent()).toList();
        return new String[][] {
            olds.toArray(String[]::new),
            olds.stream().map(v -> map.apply(v).orElseThrow()).toArray(String[]::new)
        };
    }

    /** Whether every value found maps to itself (nothing to rewrite). */
    static boolean identity(Map<String, Long> found, java.util.function.Function<String, Optional<String>> map) {
        return found.keySet().stream().allMatch(v -> map.apply(v).map(v::equals).orElse(false));
    }

    private static Map<String, String> merge(
            Map<String, String> defaults, List<String> options, List<String> targets, String option) {
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        for (String o : options == null ? List.<String>of() : options) {
            int eq = o.indexOf('=');
            if (eq <= 0 || eq == o.length() - 1) {
                throw new IllegalArgumentException(option + " " + o + ": expected OLD=NEW, e.g. " + option + " "
                        + (option.equals("--map-status") ? "waiting=open" : "operator=human_agent"));
            }
            String old = o.substring(0, eq);
            String target = o.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
            if (!Set.copyOf(targets).contains(target)) {
                throw new IllegalArgumentException(
                        option + " " + o + ": " + target + " is not one of " + String.join(", ", targets));
            }
            merged.put(old, target);
        }
        return Map.copyOf(merged);
    }
}
