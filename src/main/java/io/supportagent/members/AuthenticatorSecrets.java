package io.supportagent.members;

import io.supportagent.platform.AccountId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seals authenticator secrets for the database: AES-256-GCM under the installation's two-factor key, with the account
 * id as associated data (a sealed secret copied onto another account does not open). The first byte says how a value
 * is kept: 1 sealed, 0 unsealed (no key configured), so that configuring a key later still reads older values.
 */
@Component
class AuthenticatorSecrets {

    private static final Logger log = LoggerFactory.getLogger(AuthenticatorSecrets.class);
    private static final byte UNSEALED = 0;
    private static final byte SEALED = 1;
    private static final int NONCE_BYTES = 12;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    AuthenticatorSecrets(TwoFactorSettings settings) {
        if (settings.key() == null || settings.key().isBlank()) {
            this.key = null;
            log.warn("No support-agent.members.two-factor.key is set: authenticator secrets are stored unsealed. "
                    + "Set one (openssl rand -base64 32) to seal them.");
        } else {
            byte[] bytes = Base64.getDecoder().decode(settings.key().strip());
            if (bytes.length != 32) {
                throw new IllegalStateException(
                        "support-agent.members.two-factor.key must be 32 bytes in Base64 (openssl rand -base64 32)");
            }
            this.key = new SecretKeySpec(bytes, "AES");
        }
    }

    byte[] seal(AccountId account, byte[] secret) {
        if (key == null) {
            return ByteBuffer.allocate(1 + secret.length)
                    .put(UNSEALED)
                    .put(secret)
                    .array();
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associated(account));
            byte[] sealed = cipher.doFinal(secret);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(SEALED)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal an authenticator secret", e);
        }
    }

    byte[] open(AccountId account, byte[] stored) {
        if (stored[0] == UNSEALED) {
            return Arrays.copyOfRange(stored, 1, stored.length);
        }
        if (key == null) {
            throw new IllegalStateException(
                    "An authenticator secret is sealed but no support-agent.members.two-factor.key is set");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, 1, NONCE_BYTES));
            cipher.updateAAD(associated(account));
            return cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not open the authenticator secret of account " + account, e);
        }
    }

    private static byte[] associated(AccountId account) {
        return account.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
