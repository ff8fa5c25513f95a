package io.supportagent.usage;

import java.time.LocalDate;
import java.util.List;

/** One period's count of live conversations and the alerts raised in it, oldest first. */
public record PeriodUsage(LocalDate periodStart, int conversations, List<UsageAlert> alerts) {

    public static PeriodUsage none(LocalDate periodStart) {
        return new PeriodUsage(periodStart, 0, List.of());
    }
}
