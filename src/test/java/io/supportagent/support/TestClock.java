package io.supportagent.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Primary;

/**
 * The platform's clock for tests that need another month: it runs at real speed from wherever a test moves it.
 * Add with {@code @Import(TestClock.class)}; tests that move it call {@link #reset()} afterwards.
 */
@TestConfiguration(proxyBeanMethods = false)
@Primary
public class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** From now on the clock reads {@code at}, and runs on from there. */
    public void moveTo(Instant at) {
        offset = Duration.between(Instant.now(), at);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
