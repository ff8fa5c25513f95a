package io.supportagent.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How pages write numbers, money and times, for templates as {@code ${@formats.money(...)}}: money from integer
 * cents in the invoice's currency, times in a stated zone (the billing time zone, or UTC), with an ISO value for
 * {@code <time datetime>} and a relative form for lists.
 */
@Component("formats")
public class Formats {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

    private final Clock clock;

    Formats(Clock clock) {
        this.clock = clock;
    }

    public String money(long cents, String currency) {
        Currency unit = currency(currency);
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        format.setCurrency(unit);
        return format.format(BigDecimal.valueOf(cents, 2));
    }

    public String unitPrice(BigDecimal price, String currency) {
        return currency(currency).getSymbol(Locale.US)
                + price.stripTrailingZeros().toPlainString();
    }

    public String number(long value) {
        return NumberFormat.getIntegerInstance(Locale.US).format(value);
    }

    /** {@code 42.5%}, or a dash when there is no allowance to measure against. */
    public String percent(BigDecimal percent) {
        return percent == null
                ? "–"
                : percent.setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }

    public String percentOf(long part, long whole) {
        return whole == 0
                ? "–"
                : percent(BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP));
    }

    public String iso(Instant at) {
        return at == null ? "" : at.toString();
    }

    public String day(Instant at, String zone) {
        return at == null ? "–" : DAY.format(at.atZone(zone(zone)));
    }

    public String dayTime(Instant at, String zone) {
        return at == null ? "–" : DAY_TIME.format(at.atZone(zone(zone))) + " " + zoneLabel(zone);
    }

    public String utc(Instant at) {
        return dayTime(at, "UTC");
    }

    public String month(String period) {
        return MONTH.format(YearMonth.parse(period));
    }

    public String shortMonth(String period) {
        return SHORT_MONTH.format(YearMonth.parse(period));
    }

    /** "3 minutes ago", "in 2 days". */
    public String relative(Instant at) {
        if (at == null) {
            return "never";
        }
        Duration between = Duration.between(at, clock.instant());
        boolean past = !between.isNegative();
        long seconds = Math.abs(between.toSeconds());
        String amount;
        if (seconds < 60) {
            return past ? "just now" : "in a moment";
        } else if (seconds < 3600) {
            amount = plural(seconds / 60, "minute");
        } else if (seconds < 86_400) {
            amount = plural(seconds / 3600, "hour");
        } else if (seconds < 86_400 * 60) {
            amount = plural(seconds / 86_400, "day");
        } else {
            amount = plural(seconds / (86_400 * 30), "month");
        }
        return past ? amount + " ago" : "in " + amount;
    }

    public String zoneLabel(String zone) {
        return zone == null || zone.equals("UTC") || zone.equals("Z") ? "UTC" : zone;
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static ZoneId zone(String zone) {
        return zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
    }

    private static Currency currency(String code) {
        try {
            return Currency.getInstance(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Currency.getInstance("USD");
        }
    }
}
