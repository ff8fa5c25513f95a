package io.supportagent.platform.web;

import io.supportagent.platform.InvalidRequest;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The cursor parameters every list takes: {@code limit} (1..100, default 20) and {@code starting_after} (an id). */
public final class Pagination {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Pagination() {}

    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequest(
                    "limit must be between 1 and " + MAX_LIMIT + ".",
                    Map.of("limit", "must be between 1 and " + MAX_LIMIT));
        }
        return limit;
    }

    /** A cursor or filter id from the query string: null when absent, 400 naming the parameter when not an id. */
    public static <T> T id(String parameter, String text, Function<UUID, T> type) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (!UUID_TEXT.matcher(text).matches()) {
            throw new InvalidRequest(
                    "Parameter '" + parameter + "' is not a valid id.", Map.of(parameter, "must be an id"));
        }
        return type.apply(UUID.fromString(text));
    }
}
