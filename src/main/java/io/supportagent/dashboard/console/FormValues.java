package io.supportagent.dashboard.console;

import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.OrganizationId;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/**
 * Reading form fields into the values the services take: blank is "none", anything unreadable is a 400 naming the
 * field. Only parsing: what a value may be is the services' to decide.
 */
final class FormValues {

    private FormValues() {}

    static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static Integer whole(String value, String field) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw new InvalidRequest(
                    "Field '" + field + "' must be a whole number.", Map.of(field, "must be a whole number"));
        }
    }

    static Long wholeLong(String value, String field) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return Long.valueOf(text.replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw new InvalidRequest(
                    "Field '" + field + "' must be a whole number.", Map.of(field, "must be a whole number"));
        }
    }

    static BigDecimal decimal(String value, String field) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new InvalidRequest(
                    "Field '" + field + "' must be a number such as 0.015.", Map.of(field, "must be a decimal number"));
        }
    }

    /** An organization id from the URL: anything that is not one reads as a missing organization (404). */
    static OrganizationId organization(String text) {
        try {
            if (text != null && text.length() == 36) {
                return new OrganizationId(UUID.fromString(text));
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw new NotFound("organization", text);
    }
}
