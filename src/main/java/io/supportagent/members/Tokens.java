package io.supportagent.members;

import io.supportagent.platform.OneTimeSecrets;
import io.supportagent.platform.OrganizationId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The secrets of invitation and password-reset links: 256 random bits, of which only the SHA-256 is stored. An
 * invitation token also carries its organization's id in front of the random part (not secret), so that it is looked
 * up under that organization's row-level security instead of across tenants.
 */
final class Tokens {

    static final String RESET = "pwr_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Tokens() {}

    static String invitation(OrganizationId org) {
        ByteBuffer bytes = ByteBuffer.allocate(16 + 32);
        bytes.putLong(org.value().getMostSignificantBits()).putLong(org.value().getLeastSignificantBits());
        bytes.put(random(32));
        return OneTimeSecrets.INVITATION_TOKEN + ENCODER.encodeToString(bytes.array());
    }

    /** The organization an invitation token names; empty for anything that is no invitation token. */
    static Optional<OrganizationId> organizationOf(String token) {
        if (token == null || !token.startsWith(OneTimeSecrets.INVITATION_TOKEN) || token.length() > 100) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(token.substring(OneTimeSecrets.INVITATION_TOKEN.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != 48) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return Optional.of(new OrganizationId(new UUID(buffer.getLong(), buffer.getLong())));
    }

    static String passwordReset() {
        return RESET + ENCODER.encodeToString(random(32));
    }

    static boolean looksLikeReset(String token) {
        return token != null && token.startsWith(RESET) && token.length() == RESET.length() + 43;
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
