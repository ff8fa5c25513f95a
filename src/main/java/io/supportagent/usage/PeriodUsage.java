package io.supportagent.usage;

import java.time.LocalDate;
import java.util.List;

/**
 * One period's count of live conversations and the alerts raised in it, oldest first; and, for an organization
 * migrated from the earlier single-tenant system, that system's conversations of the period (history, never billed).
 */
public record PeriodUsage(
        LocalDate periodStart, int conversations, List<UsageAlert> alerts, int migratedConversations) {

    public PeriodUsage(LocalDate periodStart, int conversations, List<UsageAlert> alerts) {
        this(periodStart, conversations, alerts, 0);
    }

    public static PeriodUsage none(LocalDate periodStart) {
        return new PeriodUsage(periodStart, 0, List.of());
    }
}
