package io.supportagent.platform.web;

import tools.jackson.databind.DatabindException;

/** The JSON (snake_case) names of fields, for error messages that name what the client sent. */
final class JsonNames {

    private JsonNames() {}

    static String snakeCase(String javaName) {
        if (javaName == null) {
            return "";
        }
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    /** The path of the offending field, as {@code items[2].price}. */
    static String path(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
