package io.supportagent.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.OperatorToken;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.tenancy.Tier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Keys never reach a log line: every log event of a full cycle (issue, use, list, roll, revoke, use of the revoked
 * key, wrong and malformed keys, a key pasted where an id belongs, onboarding an organization) is captured from the
 * root logger, with the platform's and Spring's web and JDBC loggers turned up to DEBUG/TRACE, and searched for every
 * key and every key's secret part.
 */
@IntegrationTest
@Import(Fixtures.class)
class ApiKeyLoggingTests {

    private static final List<String> VERBOSE =
            List.of("io.supportagent", "org.springframework.web", "org.springframework.jdbc", "org.apache.catalina");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    OperatorToken operatorToken;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<String, Level> previousLevels = new HashMap<>();

    @BeforeEach
    void captureEverything() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender.setContext(context);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        for (String name : VERBOSE) {
            Logger logger = context.getLogger(name);
            previousLevels.put(name, logger.getLevel());
            logger.setLevel(name.endsWith("jdbc") ? Level.TRACE : Level.DEBUG);
        }
    }

    @AfterEach
    void restore() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        previousLevels.forEach((name, level) -> context.getLogger(name).setLevel(level));
        appender.stop();
    }

    @Test
    void noKeyAppearsInAnyLogLineOfAFullCycle() {
        List<String> keys = new ArrayList<>();
        var org = fixtures.organization(Tier.PRO);
        keys.add(org.liveKey());
        keys.add(org.testKey());
        var admin = Http.on(port).bearer(org.liveKey());

        var created = admin.post("/v1/api-keys", Map.of("name", "logged cycle"));
        String secret = created.json().get("secret").asString();
        keys.add(secret);
        String id = created.json().get("id").asString();
        assertThat(Http.on(port).bearer(secret).get("/v1/organization").status())
                .isEqualTo(200);
        assertThat(admin.get("/v1/api-keys").status()).isEqualTo(200);

        var rolled = admin.post("/v1/api-keys/" + id + "/roll", Map.of("expires_in_seconds", 60));
        String rolledSecret = rolled.json().get("secret").asString();
        keys.add(rolledSecret);
        assertThat(Http.on(port).bearer(rolledSecret).get("/v1/organization").status())
                .isEqualTo(200);

        assertThat(admin.delete("/v1/api-keys/" + id).status()).isEqualTo(200);
        assertThat(Http.on(port).bearer(secret).get("/v1/organization").status())
                .isEqualTo(401);

        String wrongSecret = SecretKeyAuthenticatorTests.withOtherSecret(rolledSecret);
        keys.add(wrongSecret);
        assertThat(Http.on(port).bearer(wrongSecret).get("/v1/organization").status())
                .isEqualTo(401);
        String unknown = KeyFormat.generate(KeyFormat.Type.LIVE_SECRET);
        keys.add(unknown);
        assertThat(Http.on(port).bearer(unknown).get("/v1/organization").status())
                .isEqualTo(401);
        String typo = rolledSecret.substring(0, 30)
                + (rolledSecret.charAt(30) == 'a' ? 'b' : 'a')
                + rolledSecret.substring(31);
        keys.add(typo);
        assertThat(Http.on(port).bearer(typo).get("/v1/organization").status()).isEqualTo(401);
        var inUrl = admin.get("/v1/api-keys/" + rolledSecret);
        assertThat(inUrl.status()).isEqualTo(400);
        assertThat(inUrl.json().get("code").asString()).isEqualTo("secret_key_in_url");
        assertThat(admin.get("/v1/organization?api_key=" + rolledSecret).status())
                .isEqualTo(400);
        assertThat(admin.post("/v1/api-keys", "{\"name\": \"" + rolledSecret + "\", \"mode\": 7}")
                        .status())
                .isEqualTo(400);
        assertThat(Http.on(port)
                        .header("X-Widget-Key", rolledSecret)
                        .get("/widget/v1/config")
                        .status())
                .isEqualTo(403);

        var onboarded = Http.on(port)
                .bearer(operatorToken.reveal())
                .post("/platform/v1/organizations", Map.of("name", "Logged Org", "tier", "basic"));
        keys.add(onboarded.json().get("live_key").get("secret").asString());
        keys.add(onboarded.json().get("test_key").get("secret").asString());

        // Background threads (snapshots, key changes) may still be logging: copy under the appender's own lock,
        // which guards each append.
        List<ILoggingEvent> events;
        synchronized (appender) {
            events = List.copyOf(appender.list);
        }
        List<String> lines = events.stream().map(ApiKeyLoggingTests::render).toList();
        assertThat(lines).as("something was logged at all").isNotEmpty();
        assertThat(String.join("\n", lines)).contains("Revoked API key " + id);
        for (String key : keys) {
            String secretPart = key.substring(key.length() - 38, key.length() - 6);
            for (String line : lines) {
                assertThat(line).doesNotContain(key).doesNotContain(secretPart);
            }
        }
    }

    /** The message, its arguments, the MDC and any stack trace: everything an appender could print. */
    private static String render(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(event.getFormattedMessage());
        if (event.getArgumentArray() != null) {
            for (Object argument : event.getArgumentArray()) {
                out.append(' ').append(argument);
            }
        }
        out.append(' ').append(event.getMDCPropertyMap());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            out.append(' ').append(ThrowableProxyUtil.asString(thrown));
        }
        return out.toString();
    }
}
