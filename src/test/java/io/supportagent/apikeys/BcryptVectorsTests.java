package io.supportagent.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.KeyFormat;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Hashes made once by Python's bcrypt (Debian python3-bcrypt 3.2.2), as the earlier Python system made its keys, must
 * verify with spring-security-crypto. Python's bcrypt writes {@code $2a$} and {@code $2b$}; the {@code $2y$} vector
 * is a {@code $2b$} hash with the PHP-style prefix (the same algorithm; Python's checkpw accepts it too).
 *
 * <pre>
 *   import bcrypt; bcrypt.hashpw(key, bcrypt.gensalt(rounds=4, prefix=b"2a"))   # and b"2b"
 * </pre>
 */
class BcryptVectorsTests {

    static final String KEY_2A = "sk_live_PyLegacy2a011PwQ3XZ2AavOqaUmvWTp9nsEjJguOz0Y2e3jwa";
    static final String HASH_2A = "$2a$04$hrRqa46aniF4aZVbD9Q67uOdb9PH9u2wc7RKL/KTN91SMF49kRAdy";
    static final String KEY_2B = "sk_test_PyLegacy2b01qF6F9AtHVWtYfXVsddiBaaGLv9HlmKGA4WhGUG";
    static final String HASH_2B = "$2b$04$6Ow7xXk0ym8Rsy3JxxIYlOICCSOU6MbRUCxbzJCKLh4mrSoBDQQ.e";
    static final String KEY_2Y = "sk_live_PyLegacy2y01f4dkK1vifiEyxe6LG8oie5uqqTeD3oeR1w7XrD";
    static final String HASH_2Y = "$2y$04$.038Ze/9trOYa8uBypaz8.Zfl1X.9a98httvrfqkBPqjDkMFz.XOO";

    /** Cost 12, the production default, of a plain password: the cost is read from the hash, not configured. */
    static final String PASSWORD = "sk_live_LEGACYpython0ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef12";

    static final String HASH_2B_COST_12 = "$2b$12$DqY4hiLFTYi84Uu2mdsEJe6DhQ03xm1GDnFdtjk2m054TNiRR1T7y";
    static final String HASH_2A_PLAIN = "$2a$04$2zWOuhxXFKiVw4vq0Ueuie0kz8PS12CbdZGDoQvg1hVI9vPkqDevq";
    static final String HASH_2B_PLAIN = "$2b$04$PyZrWmBhcghpuCBcX35SROnHsEKi8jOR8LbTV88.DtowfiIvKqZY.";
    static final String HASH_2Y_PLAIN = "$2y$05$rPHe7Y9gFjYBmU8xTuRNTOK1xFDyC6oD9nSdLJc8A32ye.tm6/ZoO";

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);

    @Test
    void pythonHashesOfEveryPrefixVerify() {
        assertThat(encoder.matches(KEY_2A, HASH_2A)).isTrue();
        assertThat(encoder.matches(KEY_2B, HASH_2B)).isTrue();
        assertThat(encoder.matches(KEY_2Y, HASH_2Y)).isTrue();
        assertThat(encoder.matches(PASSWORD, HASH_2A_PLAIN)).isTrue();
        assertThat(encoder.matches(PASSWORD, HASH_2B_PLAIN)).isTrue();
        assertThat(encoder.matches(PASSWORD, HASH_2Y_PLAIN)).isTrue();
        assertThat(BCrypt.checkpw(PASSWORD, HASH_2B_COST_12)).isTrue();
    }

    @Test
    void pythonHashesRejectOtherKeys() {
        assertThat(encoder.matches(KEY_2B, HASH_2A)).isFalse();
        assertThat(encoder.matches(KEY_2A.substring(0, KEY_2A.length() - 1) + "b", HASH_2A))
                .isFalse();
        assertThat(encoder.matches(PASSWORD + "x", HASH_2Y_PLAIN)).isFalse();
    }

    @Test
    void thePythonKeysAreWellFormedKeysOfOurFormat() {
        assertThat(KeyFormat.parse(KEY_2A)).isPresent();
        assertThat(KeyFormat.parse(KEY_2B)).isPresent();
        assertThat(KeyFormat.parse(KEY_2Y)).isPresent();
    }

    @Test
    void hashesAreMadeWithTheConfiguredCost() {
        assertThat(new BCryptPasswordEncoder(ApiKeySettings.defaults(12).bcryptCost()).encode("x"))
                .startsWith("$2a$12$");
    }
}
