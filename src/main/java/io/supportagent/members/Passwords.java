package io.supportagent.members;

import io.supportagent.platform.InvalidRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password hashing with Spring Security's delegating encoder (bcrypt today, the algorithm named in each stored hash
 * so that a stronger one can take over without resetting anyone), and the one rule a new password must meet.
 */
@Component
class Passwords {

    static final int MIN_LENGTH = 10;
    /** bcrypt reads 72 bytes at most; a longer password would be silently cut, so it is refused. */
    static final int MAX_BYTES = 72;

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    /** Checked against when there is no account, so that an unknown email takes as long as a wrong password. */
    private final String decoy = encoder.encode("decoy password that matches nothing");

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            encoder.matches("x", decoy);
            return false;
        }
        return encoder.matches(password, hash == null ? decoy : hash) && hash != null;
    }

    /** The rule for a new password: at least {@value #MIN_LENGTH} characters, at most 72 bytes. */
    static void requireAcceptable(String password, String field) {
        String problem = problemWith(password);
        if (problem != null) {
            throw new InvalidRequest("The password " + problem + ".", Map.of(field, problem));
        }
    }

    /** What is wrong with a new password, or null. */
    static String problemWith(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return "must be at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "must be at most " + MAX_BYTES + " bytes (about 70 letters)";
        }
        return null;
    }
}
