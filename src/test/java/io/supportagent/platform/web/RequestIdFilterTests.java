package io.supportagent.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RequestIdFilterTests {

    @LocalServerPort
    int port;

    @Test
    void echoesAWellFormedRequestIdAndLogsTheRequestUnderIt(CapturedOutput output) {
        var response = Http.on(port).header("X-Request-Id", "trace-12345678").get("/v1/organization");

        assertThat(response.header("X-Request-Id")).isEqualTo("trace-12345678");
        assertThat(response.json().get("request_id").asText()).isEqualTo("trace-12345678");
        // The access line is written once the response has gone out.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() ->
                        assertThat(output.getOut()).containsPattern("\\[trace-12345678\\].*GET /v1/organization 401"));
    }

    @Test
    void makesAnIdWhenNoneOrAMalformedOneIsSent() {
        var none = Http.on(port).get("/actuator/health/liveness");
        var malformed =
                Http.on(port).header("X-Request-Id", "bad id\twith spaces").get("/actuator/health/liveness");

        assertThat(none.header("X-Request-Id")).startsWith("req_");
        assertThat(malformed.header("X-Request-Id")).startsWith("req_").isNotEqualTo(none.header("X-Request-Id"));
    }

    @Test
    void readinessIncludesTheDatabase() {
        var readiness = Http.on(port).get("/actuator/health/readiness");
        var liveness = Http.on(port).get("/actuator/health/liveness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asText()).isEqualTo("UP");
        assertThat(liveness.json().get("status").asText()).isEqualTo("UP");
    }
}
