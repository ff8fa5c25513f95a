package io.supportagent.dashboard;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A bar chart as a page shows it: drawn by {@code dashboard.js} (uPlot) from {@link #json()}, and always also a table
 * of the same bars for screen readers and for reading exact values.
 */
record Chart(String id, String title, String caption, String unit, List<Bar> bars) {

    record Bar(String label, String shortLabel, long value) {}

    public long max() {
        return bars.stream().mapToLong(Bar::value).max().orElse(0);
    }

    public long total() {
        return bars.stream().mapToLong(Bar::value).sum();
    }

    /** The bars as JSON for the script ({@code <} escaped, so it cannot end the script element). */
    public String json() {
        String labels = bars.stream().map(b -> quote(b.shortLabel())).collect(Collectors.joining(","));
        String values = bars.stream().map(b -> Long.toString(b.value())).collect(Collectors.joining(","));
        return ("{\"labels\":[" + labels + "],\"values\":[" + values + "],\"unit\":" + quote(unit) + "}")
                .replace("<", "\\u003c");
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
