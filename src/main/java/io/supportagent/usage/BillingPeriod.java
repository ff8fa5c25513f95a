package io.supportagent.usage;

import io.supportagent.platform.InvalidRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A billing period: one calendar month in an organization's billing time zone, the half-open interval
 * {@code [start, end)} from the first midnight of the month to the first midnight of the next.
 */
public record BillingPeriod(YearMonth month, ZoneId zone) {

    private static final Pattern CODE = Pattern.compile("[0-9]{4}-[0-9]{2}");

    public static BillingPeriod containing(Instant at, ZoneId zone) {
        return new BillingPeriod(YearMonth.from(at.atZone(zone)), zone);
    }

    /** Parses {@code 2026-11}; anything else is a validation error naming {@code field}. */
    public static YearMonth parseMonth(String text, String field) {
        if (text != null && CODE.matcher(text).matches()) {
            try {
                YearMonth month = YearMonth.parse(text);
                if (month.getYear() >= 2000 && month.getYear() <= 9999) {
                    return month;
                }
            } catch (DateTimeParseException ignored) {
                // answered below
            }
        }
        throw new InvalidRequest(
                "'" + field + "' must be a month as YYYY-MM, such as 2026-11.",
                Map.of(field, "must be a month as YYYY-MM"));
    }

    /** {@code 2026-11}. */
    public String code() {
        return month.toString();
    }

    public LocalDate startDate() {
        return month.atDay(1);
    }

    /** The first day of the next period (exclusive end). */
    public LocalDate endDate() {
        return month.plusMonths(1).atDay(1);
    }

    public Instant start() {
        return startDate().atStartOfDay(zone).toInstant();
    }

    public Instant end() {
        return endDate().atStartOfDay(zone).toInstant();
    }

    public int days() {
        return month.lengthOfMonth();
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start()) && at.isBefore(end());
    }

    public BillingPeriod previous() {
        return new BillingPeriod(month.minusMonths(1), zone);
    }
}
