package io.supportagent.members;

import java.util.Locale;
import java.util.regex.Pattern;

/** Email addresses as accounts and invitations keep them: trimmed, lower-cased (unique case-insensitively). */
final class Emails {

    /** Deliberately loose: one {@code @}, something on both sides, a dot in the domain, no spaces or controls. */
    private static final Pattern PLAUSIBLE =
            Pattern.compile("[^\\s@\\p{Cntrl}]{1,64}@[^\\s@\\p{Cntrl}]+\\.[^\\s@\\p{Cntrl}]+");

    private Emails() {}

    /** The normalized address, or null when {@code text} is no plausible address. */
    static String normalize(String text) {
        if (text == null) {
            return null;
        }
        String email = text.strip().toLowerCase(Locale.ROOT);
        return email.length() <= 320 && PLAUSIBLE.matcher(email).matches() ? email : null;
    }
}
