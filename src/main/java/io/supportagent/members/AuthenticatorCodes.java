package io.supportagent.members;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * The codes of an authenticator app (TOTP, RFC 6238, as Google Authenticator, 1Password and Authy read them): six
 * digits from HMAC-SHA1 of the shared secret and the 30-second time step, computed by java-otp. A code is accepted
 * for the step before and after the current one too (clocks drift), compared in constant time, and only for a step
 * later than the last accepted one, so that a code read over a shoulder cannot be used again.
 */
final class AuthenticatorCodes {

    static final int SECRET_BYTES = 20;
    static final long STEP_SECONDS = 30;

    private static final TimeBasedOneTimePasswordGenerator TOTP = new TimeBasedOneTimePasswordGenerator();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private AuthenticatorCodes() {}

    static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** Whether the text is a code at all: six digits (spaces allowed, as apps show "123 456"). */
    static boolean looksLikeCode(String text) {
        return text != null && text.replace(" ", "").matches("[0-9]{6}");
    }

    /**
     * The time step of the code if it is the secret's for the step before, at or after {@code now}'s and later than
     * {@code lastUsedStep} (null: none used yet); else empty.
     */
    static OptionalLong acceptedStep(byte[] secret, String code, Instant now, Long lastUsedStep) {
        if (!looksLikeCode(code)) {
            return OptionalLong.empty();
        }
        byte[] given = code.replace(" ", "").getBytes(StandardCharsets.US_ASCII);
        long current = now.getEpochSecond() / STEP_SECONDS;
        long accepted = -1;
        for (long step = current - 1; step <= current + 1; step++) {
            // Every candidate is computed and compared, so the time taken does not tell which one matched.
            boolean same = MessageDigest.isEqual(given, codeAt(secret, step).getBytes(StandardCharsets.US_ASCII));
            if (same && (lastUsedStep == null || step > lastUsedStep) && accepted < 0) {
                accepted = step;
            }
        }
        return accepted < 0 ? OptionalLong.empty() : OptionalLong.of(accepted);
    }

    /** The code for a time step. */
    static String codeAt(byte[] secret, long step) {
        try {
            return TOTP.generateOneTimePasswordString(
                    new SecretKeySpec(secret, "HmacSHA1"), Instant.ofEpochSecond(step * STEP_SECONDS));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The secret as authenticator apps take it typed in: Base32 (RFC 4648) without padding, in groups of four. */
    static String forTyping(byte[] secret) {
        String plain = base32(secret);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < plain.length(); i += 4) {
            if (i > 0) {
                grouped.append(' ');
            }
            grouped.append(plain, i, Math.min(plain.length(), i + 4));
        }
        return grouped.toString();
    }

    /** The {@code otpauth://} URI of the QR code (the de-facto format all authenticator apps read). */
    static String uri(byte[] secret, String issuer, String email) {
        String label = encode(issuer) + ":" + encode(email);
        return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=6&period=" + STEP_SECONDS;
    }

    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
