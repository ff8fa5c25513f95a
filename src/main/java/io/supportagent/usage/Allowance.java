package io.supportagent.usage;

import java.util.ArrayList;
import java.util.List;

/**
 * The conversations an organization's plan includes in one period, and the percentages of them at which it is
 * alerted.
 */
public record Allowance(int includedConversations, List<Integer> thresholds) {

    public Allowance {
        thresholds = thresholds.stream().sorted().distinct().toList();
    }

    /** The count at which a threshold is reached: the smallest count that is at least that percentage. */
    public int countAt(int threshold) {
        return (int) Math.max(1, (includedConversations * (long) threshold + 99) / 100);
    }

    /** Thresholds that {@code count} has reached and that were not alerted yet; none when nothing is included. */
    public List<Integer> newlyCrossed(int count, List<Integer> alreadyCrossed) {
        List<Integer> crossed = new ArrayList<>();
        if (includedConversations <= 0) {
            return crossed;
        }
        for (int threshold : thresholds) {
            if (count >= countAt(threshold) && !alreadyCrossed.contains(threshold)) {
                crossed.add(threshold);
            }
        }
        return crossed;
    }
}
