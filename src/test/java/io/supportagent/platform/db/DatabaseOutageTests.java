package io.supportagent.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.supportagent.members.OperatorStaffService;
import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.OperatorToken;
import io.supportagent.support.AgentFixtures;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.MemberFixtures;
import io.supportagent.support.TcpProxy;
import io.supportagent.support.TestDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database away (cut: refused and reset, as a stopped server; blackholed: connections open, nothing answering, as
 * a partition), saturated (every pooled connection busy) or back, with the application reaching PostgreSQL through a
 * {@link TcpProxy}: every API answers 503 {@code service_unavailable} with {@code Retry-After} in about the pool's
 * connection wait (1 s), never 500 and never after 30 s, and serves again by itself once the database is back; a slow
 * link (delayed, not cut) fails nothing. The probes: readiness, answered from what its own checker last saw, names the
 * database DOWN within the check interval (cut) or the interval and the health timeout (blackholed),
 * liveness stays UP. Exact times are measured
 * by {@code bench/faults}; the bounds here only tell an answer from a hang.
 */
@IntegrationTest
@Import({Fixtures.class, AgentFixtures.class, MemberFixtures.class})
// A context of its own, closed after the class: the shared database server has only so many connections.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseOutageTests {

    /** Far above the 1 s connection wait, far below the 30 s the pool used to wait. */
    static final Duration PROMPT = Duration.ofSeconds(5);

    static final TcpProxy database = TcpProxy.toTestDatabase();

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("support-agent.database.url", () -> database.route(TestDatabase.url()));
    }

    @LocalServerPort
    int port;

    @Autowired
    AgentFixtures shops;

    @Autowired
    OperatorToken operatorToken;

    @Autowired
    MemberFixtures people;

    @Autowired
    FairConnectionQueue requestPool;

    @Autowired
    DatabaseOutages outages;

    @Autowired
    OperatorStaffService staff;

    /** Back to normal, without the pools' connections that the outage broke (the next failing request drops them). */
    @AfterEach
    void restore() throws IOException {
        database.restore();
        outages.connectionsLost();
    }

    @Test
    void everyApiAnswers503WithRetryAfterWhileTheDatabaseIsCutAndServesAgainWhenItIsBack() throws IOException {
        var shop = shops.shop("ada@example.com");
        Http org = Http.on(port).bearer(shop.org().liveKey());
        Http widget = Http.on(port)
                .header("X-Widget-Key", shop.instance().publicKey())
                .header("Origin", AgentFixtures.ORIGIN);
        Http operator = Http.on(port).bearer(operatorToken.reveal());
        String instance = shop.instance().id().toString();
        // Keys, origins and organizations are cached as they are in production after the first requests.
        assertThat(org.get("/v1/stores").status()).isEqualTo(200);
        assertThat(widget.get("/widget/v1/config").status()).isEqualTo(200);
        assertThat(operator.get("/platform/v1/organizations").status()).isEqualTo(200);

        database.cut();

        assertUnavailable(() -> org.get("/v1/stores"));
        assertUnavailable(() -> org.post("/v1/conversations", Map.of("agent_instance_id", instance)));
        var fromTheShop = assertUnavailable(() -> widget.post("/widget/v1/conversations", Map.of("message", "Hello")));
        assertThat(fromTheShop.header("Access-Control-Allow-Origin"))
                .as("the widget can read the 503 and show its try-again message")
                .isEqualTo(AgentFixtures.ORIGIN);
        assertUnavailable(() -> operator.get("/platform/v1/organizations"));
        // A widget key never seen before is looked up by a filter, before any controller: 503 there too.
        assertUnavailable(() -> Http.on(port)
                .header("X-Widget-Key", KeyFormat.generate(KeyFormat.Type.WIDGET))
                .get("/widget/v1/config"));

        database.restore();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(org.get("/v1/stores").status()).isEqualTo(200);
            assertThat(widget.post("/widget/v1/conversations", Map.of("message", "Hello"))
                            .status())
                    .isEqualTo(201);
            assertThat(operator.get("/platform/v1/organizations").status()).isEqualTo(200);
        });
    }

    @Test
    void aSignedInPersonSeesAPageThatSaysTheDashboardIsUnavailableAndItsPagesComeBack() throws IOException {
        var shop = shops.shop("pat@example.com");
        var owner = people.join(shop.org().organization().id(), MemberRole.OWNER);
        DashboardSession browser = DashboardSession.signedIn(port, owner);
        String overview = "/app/" + shop.org().organization().id() + "/live";
        assertThat(browser.get(overview).status()).isEqualTo(200);

        database.cut();

        long started = System.nanoTime();
        var away = browser.get(overview);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);
        assertThat(away.status()).as(away.toString()).isEqualTo(503);
        assertThat(away.header("Content-Type")).startsWith("text/html");
        assertThat(away.header("Retry-After")).isNotBlank();
        assertThat(away.body()).contains("temporarily unavailable").contains("role=\"alert\"");
        assertThat(away.body()).doesNotContain("service_unavailable");

        database.restore();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(browser.get(overview).status()).isEqualTo(200));
    }

    @Test
    void operatorStaffSeeTheSameUnavailablePageInTheConsoleAndItsPagesComeBack() throws IOException {
        String email = "staff-" + UUID.randomUUID().toString().substring(0, 8) + "@platform.example";
        OperatorStaffService.Created created = staff.create(email, "Sam Staff");
        DashboardSession console = DashboardSession.signedIn(
                port, new MemberFixtures.Person(created.accountId(), email, created.password()));
        assertThat(console.get("/platform/organizations").status()).isEqualTo(200);

        database.cut();

        long started = System.nanoTime();
        var away = console.get("/platform/organizations");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);
        assertThat(away.status()).as(away.toString()).isEqualTo(503);
        assertThat(away.header("Retry-After")).isNotBlank();
        assertThat(away.body()).contains("temporarily unavailable").doesNotContain("Something went wrong");

        database.restore();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(console.get("/platform/organizations").status())
                                .isEqualTo(200));
    }

    @Test
    void aSaturatedRequestPoolAnswers503AfterTheConnectionWaitAndServesOnceConnectionsAreFree() throws Exception {
        var shop = shops.shop("ada@example.com");
        Http org = Http.on(port).bearer(shop.org().liveKey());
        assertThat(org.get("/v1/stores").status()).isEqualTo(200);
        List<Connection> busy = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) { // the test pool's size
                busy.add(requestPool.getConnection());
            }

            assertUnavailable(() -> org.get("/v1/stores"));
        } finally {
            for (Connection c : busy) {
                c.close();
            }
        }
        assertThat(org.get("/v1/stores").status()).isEqualTo(200);
    }

    @Test
    void readinessNamesTheDatabaseDownWhileLivenessStaysUp() throws IOException {
        Http probe = Http.on(port);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> probe.get("/actuator/health/readiness").status() == 200);

        database.cut();

        // DOWN at the checker's next look (every 500 ms).
        var readiness = await().atMost(Duration.ofSeconds(3))
                .until(() -> timed(() -> probe.get("/actuator/health/readiness")), r -> r.status() == 503);
        assertThat(readiness.json().get("status").asString()).isEqualTo("DOWN");
        assertThat(readiness
                        .json()
                        .get("components")
                        .get("database")
                        .get("status")
                        .asString())
                .isEqualTo("DOWN");
        assertThat(readiness.json().get("components").get("database").has("details"))
                .as("no details for whoever can reach the probe")
                .isFalse();
        var liveness = timed(() -> probe.get("/actuator/health/liveness"));
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().get("status").asString()).isEqualTo("UP");

        database.restore();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var again = probe.get("/actuator/health/readiness");
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json()
                            .get("components")
                            .get("database")
                            .get("status")
                            .asString())
                    .isEqualTo("UP");
        });
    }

    /**
     * Readiness answers from what its checker last saw: with the database cut, every probe answers within a second,
     * DOWN naming the database, also with a dashboard session cookie (the session filter reads sessions from the
     * database, but only for those who ask for theirs); with the database back, UP again.
     */
    @Test
    void everyReadinessProbeAnswersWithinASecondWhileTheDatabaseIsAwayAndReadsUpOnceItIsBack() throws IOException {
        Http probe = Http.on(port);
        Http withSession = probe.header("Cookie", "SESSION=" + java.util.UUID.randomUUID());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> probe.get("/actuator/health/readiness").status() == 200);

        database.cut();
        long cut = System.nanoTime();
        await().atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> withinASecond(() -> probe.get("/actuator/health/readiness"))
                                .status()
                        == 503);
        Duration noticed = Duration.ofNanos(System.nanoTime() - cut);
        for (int i = 0; i < 10; i++) {
            for (Http client : List.of(probe, withSession)) {
                var readiness = withinASecond(() -> client.get("/actuator/health/readiness"));
                assertThat(readiness.status()).isEqualTo(503);
                assertThat(readiness
                                .json()
                                .get("components")
                                .get("database")
                                .get("status")
                                .asString())
                        .isEqualTo("DOWN");
                assertThat(withinASecond(() -> client.get("/actuator/health/liveness"))
                                .status())
                        .isEqualTo(200);
            }
        }
        assertThat(noticed)
                .as("DOWN within the check interval (500 ms) and a check")
                .isLessThan(Duration.ofSeconds(2));

        database.restore();

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    var again = withinASecond(() -> probe.get("/actuator/health/readiness"));
                    assertThat(again.status()).isEqualTo(200);
                    assertThat(again.json()
                                    .get("components")
                                    .get("database")
                                    .get("status")
                                    .asString())
                            .isEqualTo("UP");
                });
    }

    static Http.Response withinASecond(Supplier<Http.Response> request) {
        long started = System.nanoTime();
        Http.Response response = request.get();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("a probe answered within a second: %s", response)
                .isLessThan(Duration.ofSeconds(1));
        return response;
    }

    @Test
    void aDatabaseThatStopsAnsweringIsReportedDownWithoutTheProbeWaitingForIt() throws IOException {
        var shop = shops.shop("ada@example.com");
        Http org = Http.on(port).bearer(shop.org().liveKey());
        assertThat(org.get("/v1/stores").status()).isEqualTo(200);
        Http probe = Http.on(port);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> probe.get("/actuator/health/readiness").status() == 200);

        database.blackhole();

        await().atMost(Duration.ofSeconds(3))
                .until(() ->
                        timed(() -> probe.get("/actuator/health/readiness")).status() == 503);
        for (int i = 0; i < 3; i++) {
            var readiness = timed(() -> probe.get("/actuator/health/readiness"));
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness
                            .json()
                            .get("components")
                            .get("database")
                            .get("status")
                            .asString())
                    .isEqualTo("DOWN");
            assertThat(timed(() -> probe.get("/actuator/health/liveness")).status())
                    .isEqualTo(200);
        }
        // A pooled connection idle for a moment is checked before use, and a dead one does not answer the check.
        assertUnavailable(() -> org.get("/v1/stores"));

        database.restore();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(probe.get("/actuator/health/readiness").status()).isEqualTo(200);
            assertThat(org.get("/v1/stores").status()).isEqualTo(200);
        });
    }

    @Test
    void aSlowLinkToTheDatabaseSlowsAnswersButFailsNone() throws IOException {
        var shop = shops.shop("ada@example.com");
        Http org = Http.on(port).bearer(shop.org().liveKey());
        String instance = shop.instance().id().toString();
        assertThat(org.get("/v1/stores").status()).isEqualTo(200);

        database.delay(Duration.ofMillis(20)); // every piece of traffic, either way

        for (int i = 0; i < 3; i++) {
            assertThat(org.get("/v1/stores").status()).isEqualTo(200);
            assertThat(org.header("Idempotency-Key", "slow-" + i)
                            .post("/v1/conversations", Map.of("agent_instance_id", instance))
                            .status())
                    .isEqualTo(201);
        }
        assertThat(Http.on(port).get("/actuator/health/readiness").status())
                .as("well within the health timeout")
                .isEqualTo(200);
    }

    /** 503 service_unavailable with Retry-After, answered promptly. */
    static Http.Response assertUnavailable(Supplier<Http.Response> request) {
        Http.Response response = timed(request);
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("service_unavailable");
        // A short wait, in seconds (ServiceUnavailable says 2).
        assertThat(response.header("Retry-After")).isIn("1", "2");
        assertThat(response.header("X-Request-Id")).isNotBlank();
        return response;
    }

    static Http.Response timed(Supplier<Http.Response> request) {
        long started = System.nanoTime();
        Http.Response response = request.get();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("answered promptly: %s", response)
                .isLessThan(PROMPT);
        return response;
    }
}
