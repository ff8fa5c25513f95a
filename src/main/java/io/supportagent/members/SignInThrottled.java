package io.supportagent.members;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Too many wrong passwords for this email or from this address: sign-in is refused until the budget refills. */
final class SignInThrottled extends AuthenticationException {

    private final transient Duration retryAfter;

    SignInThrottled(Duration retryAfter) {
        super("Too many failed sign-ins; try again later.");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
