package io.supportagent.conversations;

/**
 * How conversations went in a period, for one group (all, a store, an agent definition version).
 *
 * @param conversations started in the period
 * @param resolvedByAi resolved without ever being handed off
 * @param handedOff handed off to people at least once
 * @param medianFirstHumanReplySeconds median seconds from the hand-off to the first person's reply, over the
 *     handed-off conversations a person replied to; null when none
 * @param csatAverage the shoppers' average rating (1–5), null without ratings
 * @param ratings how many rated
 */
public record SupportMetrics(
        long conversations,
        long resolvedByAi,
        long handedOff,
        Double medianFirstHumanReplySeconds,
        Double csatAverage,
        long ratings) {

    /** Share of the conversations resolved by the AI alone, 0..1; null without conversations. */
    public Double aiResolutionRate() {
        return conversations == 0 ? null : round(resolvedByAi / (double) conversations);
    }

    /** Share of the conversations handed off, 0..1; null without conversations. */
    public Double handoffRate() {
        return conversations == 0 ? null : round(handedOff / (double) conversations);
    }

    static Double round(Double value) {
        return value == null ? null : Math.round(value * 10_000) / 10_000.0;
    }
}
