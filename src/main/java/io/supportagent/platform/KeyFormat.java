package io.supportagent.platform;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The shape of every key the platform issues, GitHub-style:
 *
 * <pre>
 *   sk_live_ | 3hG7kQ2mXb9Z | 4N...32 chars...Yp | 0aBc9Z
 *   type       lookup id      secret               checksum
 *              12 base62      32 base62 (~190 bit) CRC32 of all before it, 6 base62
 * </pre>
 *
 * The lookup id is not secret: it finds the stored row by an index. The checksum lets a mistyped or invented key
 * be refused without touching the database, and the fixed prefix and length let secret scanners recognise a leak.
 */
public final class KeyFormat {

    public enum Type {
        LIVE_SECRET("sk_live_"),
        TEST_SECRET("sk_test_"),
        WIDGET("pk_widget_");

        private final String prefix;

        Type(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    /** A well-formed key taken apart. */
    public record ParsedKey(Type type, String lookupId, String full) {

        /** What may be shown: the type and the lookup id, never the secret. */
        public String displayPrefix() {
            return type.prefix() + lookupId;
        }

        public String lastFour() {
            return full.substring(full.length() - 4);
        }

        @Override
        public String toString() {
            return displayPrefix() + "…";
        }
    }

    static final int LOOKUP_LENGTH = 12;
    static final int SECRET_LENGTH = 32;
    static final int CHECKSUM_LENGTH = 6;
    private static final int BODY_LENGTH = LOOKUP_LENGTH + SECRET_LENGTH + CHECKSUM_LENGTH;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFormat() {}

    public static String generate(Type type) {
        String withoutChecksum = type.prefix() + random(LOOKUP_LENGTH) + random(SECRET_LENGTH);
        return withoutChecksum + checksum(withoutChecksum);
    }

    /** The key taken apart, or empty when it is not a well-formed key of any type (wrong prefix, length or checksum). */
    public static Optional<ParsedKey> parse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        for (Type type : Type.values()) {
            if (key.startsWith(type.prefix()) && key.length() == type.prefix().length() + BODY_LENGTH) {
                String body = key.substring(type.prefix().length());
                if (!isBase62(body)) {
                    return Optional.empty();
                }
                String withoutChecksum = key.substring(0, key.length() - CHECKSUM_LENGTH);
                if (!checksum(withoutChecksum).equals(key.substring(key.length() - CHECKSUM_LENGTH))) {
                    return Optional.empty();
                }
                return Optional.of(new ParsedKey(type, body.substring(0, LOOKUP_LENGTH), key));
            }
        }
        return Optional.empty();
    }

    static String checksum(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }

    private static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = BASE62.charAt(RANDOM.nextInt(62));
        }
        return new String(out);
    }

    private static boolean isBase62(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    private static final java.util.regex.Pattern SECRET_KEY =
            java.util.regex.Pattern.compile("(sk_live_|sk_test_)[0-9A-Za-z]{4,}");

    /**
     * The text with anything that looks like a secret key cut down to its type prefix, for {@code toString()}s of
     * objects that carry free text a client may have pasted a key into.
     */
    public static String redact(String text) {
        if (text == null || !(text.contains("sk_live_") || text.contains("sk_test_"))) {
            return text;
        }
        return SECRET_KEY.matcher(text).replaceAll("$1[redacted]");
    }
}
