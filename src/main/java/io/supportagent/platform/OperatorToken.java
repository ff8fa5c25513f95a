package io.supportagent.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The platform operator's bearer token for {@code /platform/v1}: from {@code SUPPORT_AGENT_OPERATOR_TOKEN}, or made
 * at start-up (and printed once by {@code serve}) when none is configured.
 */
@Component
public class OperatorToken {

    private final String token;
    private final boolean generated;

    OperatorToken(@Value("${support-agent.operator-token:}") String configured) {
        this.generated = configured == null || configured.isBlank();
        if (generated) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            this.token = "op_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } else {
            this.token = configured.strip();
        }
    }

    /**
     * Constant-time comparison, so that response times reveal nothing about the token: both sides are hashed first,
     * so that not even the token's length shows ({@link MessageDigest#isEqual} returns early on different lengths).
     */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(token), sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean generated() {
        return generated;
    }

    /** The token itself, for the start-up banner and the node's warm-up requests to itself (on loopback) only. */
    public String reveal() {
        return token;
    }

    @Override
    public String toString() {
        return "OperatorToken[***]";
    }
}
