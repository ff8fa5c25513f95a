package io.supportagent.platform;

import java.util.UUID;
import java.util.regex.Pattern;

final class Uuids {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uuids() {}

    /** Only the canonical 36-character form: {@link UUID#fromString} also accepts odd shortened forms. */
    static UUID parse(String text, String what) {
        if (text == null || !CANONICAL.matcher(text).matches()) {
            throw new NotFound(what, text);
        }
        return UUID.fromString(text);
    }
}
