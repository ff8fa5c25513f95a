package io.supportagent.agents;

import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.web.CleanText;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Agent configs arrive as JSON objects and are stored as jsonb. */
final class ConfigJson {

    static final int MAX_CHARS = 16_000;

    private ConfigJson() {}

    static String of(JsonNode config, String field, ObjectMapper json) {
        if (config == null || config.isNull()) {
            return null;
        }
        if (!config.isObject()) {
            throw new InvalidRequest(
                    "Field '" + field + "' must be a JSON object.", Map.of(field, "must be a JSON object"));
        }
        String problem = CleanText.problem(config);
        if (problem != null) {
            throw new InvalidRequest("Field '" + field + "' is invalid: " + problem + ".", Map.of(field, problem));
        }
        String text = json.writeValueAsString(config);
        if (text.length() > MAX_CHARS) {
            throw new InvalidRequest(
                    "Field '" + field + "' is too large.",
                    Map.of(field, "must be at most " + MAX_CHARS + " characters as JSON"));
        }
        return text;
    }
}
