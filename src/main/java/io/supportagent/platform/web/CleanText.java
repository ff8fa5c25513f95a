package io.supportagent.platform.web;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What text the platform stores: no NUL characters (PostgreSQL refuses them) and no unpaired UTF-16 surrogates. */
public final class CleanText {

    /**
     * Text that is not blank, as a Bean Validation {@code @Pattern} (matched against the whole text): something other
     * than spaces and control characters, which {@code trim()} removes, and no NUL character.
     */
    public static final String NOT_BLANK = "(?s)[^\\x00]*[^\\x00-\\x20][^\\x00]*";

    /** {@link #NOT_BLANK} as the API description says it (an ECMA-262 pattern, anchored). */
    public static final String NOT_BLANK_SCHEMA = "^[^\\x00]*[^\\x00-\\x20][^\\x00]*$";

    /** No NUL character, as the API description says it. */
    public static final String NO_NUL_SCHEMA = "^[^\\x00]*$";

    private CleanText() {}

    /** Why a text cannot be stored, or null when it can. */
    public static String problem(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "must not contain NUL characters";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must be valid Unicode (unpaired surrogate)";
            }
            if (Character.isLowSurrogate(c)) {
                return "must be valid Unicode (unpaired surrogate)";
            }
        }
        return null;
    }

    /** The same for every name and text inside a JSON value (config objects are stored as jsonb). */
    public static String problem(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            return problem(node.asString());
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String p = problem(e.getKey());
                if (p == null) {
                    p = problem(e.getValue());
                }
                if (p != null) {
                    return p;
                }
            }
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                String p = problem(item);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }
}
