package io.supportagent.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.supportagent.platform.db.DatabaseOutages;
import io.supportagent.platform.db.DatabaseUrl;
import io.supportagent.support.ApiFixtures;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.TcpProxy;
import io.supportagent.support.TestDatabase;
import io.supportagent.tenancy.Tier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A conversation start with an {@code Idempotency-Key} is one transaction with its key, so that whatever happens to
 * the node or its database at any moment, the start is counted once and the client's retry (on any node) gets the
 * first answer or runs the only start: concurrent retries, a connection lost before the commit, a commit whose answer
 * never came back, and a node killed with SIGKILL right after its commit, the retry going to another node.
 */
@IntegrationTest
@Import({Fixtures.class, ApiFixtures.class})
// A context of its own, closed after the class: the shared database server has only so many connections.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class InOneTransactionTests {

    static final int POSTGRES = DatabaseUrl.parse(TestDatabase.url()).port();
    static final TcpProxy database = proxy();

    static TcpProxy proxy() {
        try {
            return TcpProxy.to(POSTGRES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("support-agent.database.url", () -> textOnTheWire(database.route(TestDatabase.url())));
    }

    /**
     * The driver sends each statement's text every time (it would otherwise prepare it on the server after a few
     * uses and send only its name), so that the proxy can hold the answers to a given statement.
     */
    static String textOnTheWire(String url) {
        return url + (url.contains("?") ? "&" : "?") + "prepareThreshold=0";
    }

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiFixtures api;

    @TempDir
    Path temp;

    Process otherNode;

    @Autowired
    DatabaseOutages outages;

    /** Back to normal, without the pools' connections that the outage broke (the next failing request drops them). */
    @AfterEach
    void restore() throws IOException {
        database.restore();
        outages.connectionsLost();
        if (otherNode != null) {
            otherNode.destroyForcibly();
        }
    }

    @Test
    void concurrentRetriesWithOneKeyStartOneConversationAndAllGetItsAnswer() throws Exception {
        var org = fixtures.organization(Tier.ENTERPRISE);
        Http http = Http.on(port).bearer(org.liveKey()).header("Idempotency-Key", "burst-" + UUID.randomUUID());
        Map<String, Object> start = Map.of("agent_instance_id", instance(org));
        List<Http.Response> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(6)) {
            List<Future<Http.Response>> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sent.add(clients.submit(() -> http.post("/v1/conversations", start)));
            }
            for (Future<Http.Response> f : sent) {
                answers.add(f.get());
            }
        }

        assertThat(answers)
                .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(201));
        assertThat(answers.stream().map(a -> a.json().get("id").asString()).collect(Collectors.toSet()))
                .hasSize(1);
        assertThat(answers.stream().filter(a -> a.header("Idempotent-Replayed") == null))
                .hasSize(1);
        assertThat(usage(org)).isEqualTo(1);
    }

    @Test
    void aStartWhoseConnectionIsLostBeforeItsCommitLeavesNothingAndTheRetryRunsIt() throws Exception {
        var org = fixtures.organization(Tier.ENTERPRISE);
        Http http = Http.on(port).bearer(org.liveKey()).header("Idempotency-Key", "lost-" + UUID.randomUUID());
        Map<String, Object> start = Map.of("agent_instance_id", instance(org));

        database.holdRepliesAfter("INSERT INTO conversations");
        var first = CompletableFuture.supplyAsync(() -> http.post("/v1/conversations", start));
        await().atMost(Duration.ofSeconds(10)).until(() -> database.held() > 0);
        database.cut(); // mid-transaction: the server rolls it back

        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(503);
        database.restore();
        var retried = retry(() -> http.post("/v1/conversations", start));

        assertThat(retried.status()).as("the key was not left in flight").isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(usage(org)).isEqualTo(1);
    }

    @Test
    void aStartWhoseCommitWasNeverAnsweredIsReplayedByTheRetryNotStartedAgain() throws Exception {
        var org = fixtures.organization(Tier.ENTERPRISE);
        Http http = Http.on(port).bearer(org.liveKey()).header("Idempotency-Key", "unknown-" + UUID.randomUUID());
        Map<String, Object> start = Map.of("agent_instance_id", instance(org));

        database.holdRepliesAfter("UPDATE idempotency_keys", "COMMIT");
        var first = CompletableFuture.supplyAsync(() -> http.post("/v1/conversations", start));
        await().atMost(Duration.ofSeconds(10)).until(() -> database.held() > 0);
        database.cut(); // the server committed; the node never learns whether it did

        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(503);
        database.restore();
        var retried = retry(() -> http.post("/v1/conversations", start));

        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(usage(org)).isEqualTo(1);
    }

    @Test
    void aNodeKilledMidStartLosesNothingItAcknowledgedAndAnotherNodeAnswersTheRetry() throws Exception {
        var org = fixtures.organization(Tier.ENTERPRISE);
        Map<String, Object> start = Map.of("agent_instance_id", instance(org));
        try (TcpProxy toOtherNodesDatabase = TcpProxy.to(POSTGRES)) {
            int otherPort = freePort();
            otherNode = startNode(otherPort, textOnTheWire(toOtherNodesDatabase.route(TestDatabase.url())));
            Http nodeA = Http.on(otherPort).bearer(org.liveKey());
            Http nodeB = Http.on(port).bearer(org.liveKey());
            String acknowledgedKey = "acknowledged-" + UUID.randomUUID();
            String unansweredKey = "unanswered-" + UUID.randomUUID();

            var acknowledged = nodeA.header("Idempotency-Key", acknowledgedKey).post("/v1/conversations", start);
            assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(201);
            // The next start commits, and the node is killed before it hears back.
            toOtherNodesDatabase.holdRepliesAfter("UPDATE idempotency_keys", "COMMIT");
            var unanswered = CompletableFuture.supplyAsync(
                    () -> nodeA.header("Idempotency-Key", unansweredKey).post("/v1/conversations", start));
            await().atMost(Duration.ofSeconds(10)).until(() -> toOtherNodesDatabase.held() > 0);
            otherNode.destroyForcibly(); // SIGKILL
            assertThat(otherNode.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(unanswered).failsWithin(Duration.ofSeconds(10));

            var again = nodeB.header("Idempotency-Key", acknowledgedKey).post("/v1/conversations", start);
            var retried = nodeB.header("Idempotency-Key", unansweredKey).post("/v1/conversations", start);

            assertThat(again.status()).isEqualTo(201);
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(again.body()).isEqualTo(acknowledged.body());
            assertThat(retried.status()).isEqualTo(201);
            assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(Set.of(
                            again.json().get("id").asString(),
                            retried.json().get("id").asString()))
                    .hasSize(2);
            assertThat(usage(org)).as("each start counted once").isEqualTo(2);
        }
    }

    /**
     * As a client retries after a 503: the first requests after the outage may still meet a connection it broke
     * (each such failure drops the pools' idle connections).
     */
    private static Http.Response retry(java.util.function.Supplier<Http.Response> request) {
        return await().atMost(Duration.ofSeconds(10)).until(request::get, r -> r.status() != 503);
    }

    private String instance(Fixtures.Org org) {
        return api.deploy(org).instance().id().toString();
    }

    private int usage(Fixtures.Org org) {
        return Http.on(port)
                .bearer(org.liveKey())
                .get("/v1/usage")
                .json()
                .get("conversations")
                .asInt();
    }

    /** The application in a process of its own on the same database, ready to serve. */
    private Process startNode(int port, String databaseUrl) throws IOException {
        Path log = temp.resolve("node.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(
                        java,
                        "-Xmx384m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.supportagent.SupportAgentApplication",
                        "--server.port=" + port,
                        "--support-agent.database.url=" + databaseUrl,
                        "--support-agent.demo.enabled=false",
                        "--support-agent.api-keys.bcrypt-cost=4",
                        "--support-agent.webhooks.enabled=false")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(IllegalStateException.class) // not listening yet
                .untilAsserted(() -> {
                    assertThat(process.isAlive())
                            .as("node alive; its output:\n%s", Files.readString(log))
                            .isTrue();
                    assertThat(Http.on(port).get("/actuator/health/readiness").status())
                            .isEqualTo(200);
                });
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
