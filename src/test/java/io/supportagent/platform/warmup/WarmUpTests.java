package io.supportagent.platform.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A node warms itself up before it takes traffic: readiness answers 503 with {@code warmUp} OUT_OF_SERVICE (liveness
 * UP) while it sends itself requests through the real HTTP stack, then 200, having had answers on the paths it
 * exercises and no server error, and having changed nothing.
 */
@IntegrationTest
// Long enough to outlast the test framework's own start after the application's (seconds on a loaded machine).
@TestPropertySource(properties = "support-agent.warm-up.duration=15s")
// A context of its own (the others start without a warm-up), closed after the class.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WarmUpTests {

    @LocalServerPort
    int port;

    @Autowired
    WarmUp warmUp;

    @Autowired
    PlatformJdbc platform;

    @Test
    void readinessStaysOutOfServiceUntilTheWarmUpHasFinished() {
        Http probe = Http.on(port);

        var during = probe.get("/actuator/health/readiness");
        // Still warming up after that answer, so the answer was given while it warmed up.
        assertThat(warmUp.finished())
                .as("a 5 s warm-up, started with the application")
                .isFalse();
        assertThat(during.status()).as(during.toString()).isEqualTo(503);
        assertThat(during.json().get("status").asString()).isEqualTo("OUT_OF_SERVICE");
        assertThat(during.json().get("components").get("warmUp").get("status").asString())
                .isEqualTo("OUT_OF_SERVICE");
        assertThat(during.json().get("components").get("database").get("status").asString())
                .isEqualTo("UP");
        assertThat(probe.get("/actuator/health/liveness").status())
                .as("a node warming up is alive")
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> probe.get("/actuator/health/readiness").status() == 200);

        assertThat(warmUp.finished()).isTrue();
        var answers = warmUp.answers();
        // The real paths were exercised: probes and operator reads (200), refused credentials (401), validation and
        // malformed JSON (400), an unknown page (404); none answered with a server error.
        assertThat(answers).containsKeys(200, 401, 400, 404);
        assertThat(answers.keySet()).allSatisfy(status -> assertThat(status).isLessThan(500));
        assertThat(answers.values().stream().mapToLong(Long::longValue).sum())
                .as("requests sent")
                .isGreaterThan(50);
        // Nothing published: every definition it sent failed validation.
        assertThat(platform.jdbc()
                        .sql("SELECT count(*) FROM agent_definitions WHERE version = 'not a version' OR type = ''")
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
