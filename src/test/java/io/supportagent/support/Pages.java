package io.supportagent.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Walks a cursor-paginated list to its end, the way a client does, checking every page on the way. */
public final class Pages {

    private static final int MOST_PAGES = 10_000;

    private Pages() {}

    /**
     * Every object of the list at {@code path} (which may carry its own query), read {@code limit} at a time, each next
     * page asked {@code starting_after} the {@code cursorField} of the previous page's last object. Every page but the
     * last must be full and say {@code has_more: true}; the walk ends at the first page that says false.
     */
    public static List<JsonNode> walk(Http http, String path, int limit, String cursorField) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        String separator = path.contains("?") ? "&" : "?";
        for (int page = 0; page < MOST_PAGES; page++) {
            String url = path + separator + "limit=" + limit + (cursor == null ? "" : "&starting_after=" + cursor);
            var response = http.get(url);
            assertThat(response.status()).as(url + " " + response).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("object").asString()).isEqualTo("list");
            JsonNode data = body.get("data");
            assertThat(data.size()).as(url).isLessThanOrEqualTo(limit);
            data.forEach(all::add);
            if (!body.get("has_more").asBoolean()) {
                return all;
            }
            assertThat(data.size())
                    .as("a page with more after it is full: " + url)
                    .isEqualTo(limit);
            cursor = data.get(data.size() - 1).get(cursorField).asString();
        }
        throw new AssertionError("the list at " + path + " never ended");
    }

    /** The values of one field of the objects, in order. */
    public static List<String> values(List<JsonNode> objects, String field) {
        return objects.stream().map(o -> o.get(field).asString()).toList();
    }
}
