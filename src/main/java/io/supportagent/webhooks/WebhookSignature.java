package io.supportagent.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Support-Agent-Signature} header, Stripe-style: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} where the
 * MAC is keyed with the endpoint's secret (the whole {@code whsec_…} text, as UTF-8) over {@code "<t>.<raw body>"}.
 * A receiver recomputes it, compares in constant time, and rejects timestamps too far from its own clock.
 */
public final class WebhookSignature {

    public static final String HEADER = "Support-Agent-Signature";

    private WebhookSignature() {}

    public static String header(String secret, long timestamp, String body) {
        return header(secret, null, timestamp, body);
    }

    /**
     * Signed with the secret and, while a rolled endpoint's old secret still signs, with that one too (a second
     * {@code v1}): a receiver that checks any {@code v1} against the secret it has accepts the delivery.
     */
    public static String header(String secret, String previousSecret, long timestamp, String body) {
        String signed = timestamp + "." + body;
        return "t=" + timestamp + ",v1=" + hmac(secret, signed)
                + (previousSecret == null ? "" : ",v1=" + hmac(previousSecret, signed));
    }

    /**
     * Whether any {@code v1} of {@code header} signs {@code body} with {@code secret}; the timestamp's age is the
     * caller's check.
     */
    public static boolean verify(String secret, String header, String body) {
        if (header == null) {
            return false;
        }
        String t = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                signatures.add(part.substring(3));
            }
        }
        if (t == null) {
            return false;
        }
        byte[] expected = hmac(secret, t + "." + body).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String v1 : signatures) {
            matched |= MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII));
        }
        return matched;
    }

    static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
