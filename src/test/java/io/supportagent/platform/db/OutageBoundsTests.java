package io.supportagent.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.supportagent.support.AgentFixtures;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.TcpProxy;
import io.supportagent.tenancy.Tier;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * How long a request can be held up when the database goes away, through a {@link TcpProxy} between the application
 * and PostgreSQL: the secret-key check and the organization snapshot answer from memory while the database is away,
 * also once their re-check is due (stale while error: re-read in the background, never on the request's thread), and
 * a request whose connection breaks mid-transaction answers 503 at once, however many steps it still had to take
 * (each used to wait out the pool's connection wait again). The target is a 503 within 2 s; these bounds are tighter,
 * to tell the paths apart.
 */
@IntegrationTest
@Import({Fixtures.class, AgentFixtures.class})
// A context of its own (its re-check intervals are short), closed after the class: the server has only so many
// connections.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutageBoundsTests {

    static final Duration RECHECK = Duration.ofSeconds(1);
    static final TcpProxy database = TcpProxy.toTestDatabase();

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("support-agent.database.url", database::testDatabaseWithStatementTexts);
        registry.add("support-agent.api-keys.cache-recheck", RECHECK::toString);
        registry.add("support-agent.organizations.cache-recheck", RECHECK::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    AgentFixtures shops;

    @Autowired
    DatabaseOutages outages;

    @Autowired
    PlatformJdbc platform;

    @Autowired
    JdbcClient jdbc;

    /**
     * Back to normal, without the connections the fault broke, and both pools serving again (a pool that could not
     * connect for a while waits a moment before its next attempt), so that the next test's fixtures find them.
     */
    @AfterEach
    void restore() throws IOException {
        database.restore();
        outages.connectionsLost();
        await().atMost(Duration.ofSeconds(15))
                .ignoreExceptions()
                .until(() ->
                        platform.jdbc().sql("SELECT 1").query(Integer.class).single() == 1
                                && jdbc.sql("SELECT 1").query(Integer.class).single() == 1);
    }

    @Test
    void aCachedKeyAndItsOrganizationAnswerFromMemoryWhileTheDatabaseIsCutEvenPastTheirRecheck() throws Exception {
        var org = fixtures.organization(Tier.PRO);
        Http api = Http.on(port).bearer(org.liveKey());
        // GET /v1/organization reads nothing but the key's verification and the organization's snapshot.
        assertThat(api.get("/v1/organization").status()).isEqualTo(200);

        // Cut: the change notifications' connection drops too, so the caches hear that changes may have been missed.
        database.cut();
        Thread.sleep(RECHECK.multipliedBy(2).toMillis()); // both re-checks due, and tried (and failed) meanwhile

        for (int i = 0; i < 3; i++) {
            var answer = within(Duration.ofMillis(900), () -> api.get("/v1/organization"));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.json().get("id").asString())
                    .isEqualTo(org.organization().id().toString());
        }
        // What does need the database answers 503 within the bound.
        assertUnavailableWithin(Duration.ofSeconds(2), () -> api.get("/v1/stores"));

        database.restore();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(api.get("/v1/stores").status()).isEqualTo(200));
    }

    @Test
    void aCachedKeyAndItsOrganizationAnswerFromMemoryWhenTheDatabaseStopsAnswering() throws Exception {
        var org = fixtures.organization(Tier.PRO);
        Http api = Http.on(port).bearer(org.liveKey());
        assertThat(api.get("/v1/organization").status()).isEqualTo(200);

        // Blackholed: connections stay open, nothing answers; a re-read on the request's thread would hang on it.
        database.blackhole();
        Thread.sleep(RECHECK.multipliedBy(2).toMillis());

        for (int i = 0; i < 3; i++) {
            var answer = within(Duration.ofMillis(900), () -> api.get("/v1/organization"));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        }
    }

    @Test
    void aKeyNotYetVerifiedAnswers503WithinTheBoundWhileTheDatabaseIsCut() throws IOException {
        var org = fixtures.organization(Tier.PRO);
        // The path warm (on a cold JVM its first answer alone takes a second or more), with another key.
        assertThat(Http.on(port)
                        .bearer(fixtures.organization(Tier.PRO).liveKey())
                        .get("/v1/organization")
                        .status())
                .isEqualTo(200);
        database.cut();

        var answer = assertUnavailableWithin(
                Duration.ofSeconds(2), () -> Http.on(port).bearer(org.liveKey()).get("/v1/organization"));

        assertThat(answer.header("WWW-Authenticate"))
                .as("not refused as a wrong key")
                .isNull();
    }

    @Test
    void aRequestWhoseConnectionBreaksMidTransactionAnswers503AtOnceWithoutWaitingForTheStepsAfter() throws Exception {
        var shop = shops.shop("mid@example.com");
        Http widget = Http.on(port)
                .header("X-Widget-Key", shop.instance().publicKey())
                .header("Origin", AgentFixtures.ORIGIN);
        var started = widget.post("/widget/v1/conversations", Map.of("message", "Hello"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        Http chat = widget.header(
                        "X-Conversation-Token", started.json().get("token").asString())
                .header("Idempotency-Key", "mid-" + UUID.randomUUID());
        String messages = "/widget/v1/conversations/" + started.json().get("id").asString() + "/messages";

        // The question is stored, then the agent looks the order up: that answer never comes.
        database.holdRepliesAfter("FROM store_orders");
        var sent = CompletableFuture.supplyAsync(
                () -> chat.post(messages, Map.of("content", "Where is my order 1001? My email is mid@example.com")));
        await().atMost(Duration.ofSeconds(10)).until(() -> database.held() > 0);
        long cut = System.nanoTime();
        database.cut(); // the server is gone, mid-transaction

        var answer = sent.get(10, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - cut);

        assertUnavailable(answer);
        // The failed look-up used to be followed by the agent's hand-off (store its apology, hand over) and the key's
        // release, each waiting a second for a connection before failing too.
        assertThat(took).as("503 after the connection broke").isLessThan(Duration.ofSeconds(1));
    }

    static Http.Response assertUnavailableWithin(Duration bound, Supplier<Http.Response> request) {
        return assertUnavailable(within(bound, request));
    }

    static Http.Response assertUnavailable(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("service_unavailable");
        assertThat(response.header("Retry-After")).isNotBlank();
        return response;
    }

    static Http.Response within(Duration bound, Supplier<Http.Response> request) {
        long started = System.nanoTime();
        Http.Response response = request.get();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("answered within %s: %s", bound, response)
                .isLessThan(bound);
        return response;
    }
}
