package io.supportagent.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.supportagent.platform.db.DatabaseOutages;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.AgentFixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.TcpProxy;
import io.supportagent.support.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * A widget start with an {@code Idempotency-Key} takes its key in the transaction that starts and counts the
 * conversation, so that whatever happens to the database at any moment the start is counted once and the client's
 * retry runs the only start (the first rolled back: at once, no 409) or gets that same conversation, with a token that
 * opens it (the first committed and was never answered), never a second conversation. Through the real security
 * chain, with a TCP proxy between the application and PostgreSQL.
 */
@IntegrationTest
@Import(AgentFixtures.class)
// A context of its own, closed after the class: the shared database server has only so many connections.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WidgetStartFaultTests {

    static final TcpProxy database = TcpProxy.toTestDatabase();

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("support-agent.database.url", database::testDatabaseWithStatementTexts);
        registry.add("support-agent.idempotency.work-lease", () -> "2s");
    }

    @LocalServerPort
    int port;

    @Autowired
    AgentFixtures fixtures;

    @Autowired
    PlatformJdbc platform;

    @Autowired
    DatabaseOutages outages;

    @TempDir
    Path temp;

    Process otherNode;

    @AfterEach
    void restore() throws IOException {
        database.restore();
        outages.connectionsLost();
        if (otherNode != null) {
            otherNode.destroyForcibly();
        }
    }

    private Http widget(AgentFixtures.Shop shop) {
        return Http.on(port).header("X-Widget-Key", shop.instance().publicKey()).header("Origin", AgentFixtures.ORIGIN);
    }

    @Test
    void aStartWhoseConnectionIsLostBeforeItsCommitLeavesNoKeyAndTheRetryRunsAtOnce() throws Exception {
        var shop = fixtures.shop("alice@example.com");
        Http keyed = widget(shop).header("Idempotency-Key", "lost-" + UUID.randomUUID());
        Map<String, Object> start = Map.of("message", "How long does shipping take?");

        database.holdRepliesAfter("INSERT INTO conversations");
        var first = CompletableFuture.supplyAsync(() -> keyed.post("/widget/v1/conversations", start));
        await().atMost(Duration.ofSeconds(10)).until(() -> database.held() > 0);
        database.cut(); // mid-transaction: the server rolls it back, the key's row with it

        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(503);
        database.restore();
        assertThat(keys(shop)).as("no key left in flight").isZero();
        var retried = retry(() -> keyed.post("/widget/v1/conversations", start));

        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(conversations(shop)).isEqualTo(1);
        assertThat(counted(shop)).isEqualTo(1);
        assertOpens(shop, retried);
    }

    @Test
    void aStartCommittedButNeverAnsweredIsResumedByTheRetryWithAWorkingTokenNotStartedAgain() throws Exception {
        var shop = fixtures.shop("alice@example.com");
        String key = "unanswered-" + UUID.randomUUID();
        Http keyed = widget(shop).header("Idempotency-Key", key);
        Map<String, Object> start = Map.of("message", "How long does shipping take?", "customer_name", "Ann");

        // The start's transaction commits (conversation, usage, token, message, key); the node never hears back.
        database.holdRepliesAfter("UPDATE idempotency_keys SET conversation_id", "COMMIT");
        var first = CompletableFuture.supplyAsync(() -> keyed.post("/widget/v1/conversations", start));
        await().atMost(Duration.ofSeconds(10)).until(() -> database.held() > 0);
        // The first request is alive (waiting for its commit's answer): its node renews its lease past 2 s.
        Thread.sleep(3_000);
        var whileAlive = keyed.post("/widget/v1/conversations", start);
        assertThat(whileAlive.status()).as(whileAlive.toString()).isEqualTo(409);
        assertThat(whileAlive.json().get("code").asString()).isEqualTo("idempotency_key_in_use");
        assertThat(whileAlive.header("Retry-After")).as("when to try again").isEqualTo("1");
        database.cut();

        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(503);
        database.restore();
        assertThat(conversations(shop)).as("the first start committed").isEqualTo(1);
        long sent = System.nanoTime();
        List<Integer> before = new ArrayList<>();
        var resumed = await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> keyed.post("/widget/v1/conversations", start), r -> {
                    if (r.status() == 503 || r.status() == 409) {
                        before.add(r.status());
                        return false;
                    }
                    return true;
                });

        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(201);
        assertThat(resumed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(Duration.ofNanos(System.nanoTime() - sent))
                .as("blocked at most the lease (2 s here), not the in-flight timeout; before: %s", before)
                .isLessThan(Duration.ofSeconds(5));
        assertThat(conversations(shop)).as("not started again").isEqualTo(1);
        assertThat(counted(shop)).as("counted once").isEqualTo(1);
        assertThat(resumed.json().get("id").asString()).isEqualTo(conversationId(shop));
        assertThat(resumed.json().get("token").asString()).startsWith("ct_");
        assertThat(resumed.json().get("message").get("content").asString()).isEqualTo("How long does shipping take?");
        assertThat(resumed.json().get("reply").get("content").asString())
                .as("the agent answers the first message the dead request never answered")
                .contains("3-5 business days");
        assertOpens(shop, resumed);
        assertThat(storedAnswersHolding(resumed.json().get("token").asString())).isZero();

        // Answered now: the answer is replayed, the same conversation, its one-time token not shown again.
        var replayed = keyed.post("/widget/v1/conversations", start);
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.json().get("id")).isEqualTo(resumed.json().get("id"));
        assertThat(replayed.json().get("token").isNull()).isTrue();
        assertThat(replayed.json().get("reply")).isEqualTo(resumed.json().get("reply"));

        var otherBody = keyed.post("/widget/v1/conversations", Map.of("message", "Something else"));
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.contentType()).startsWith("application/problem+json");
        assertThat(otherBody.json().get("code").asString()).isEqualTo("idempotency_key_reused");
        assertThat(otherBody.body()).doesNotContain("ct_");
        assertThat(conversations(shop)).isEqualTo(1);
        assertThat(counted(shop)).isEqualTo(1);
        assertThat(messages(shop))
                .as("one first message, one reply, and the message sent with the token")
                .isEqualTo(4);
    }

    @Test
    void aStartWithTheWidgetsOwnTokenIsResumedWithoutAnySecretInTheAnswerAndTheTokenStillOpensIt() throws Exception {
        var shop = fixtures.shop("alice@example.com");
        Http keyed = widget(shop).header("Idempotency-Key", "own-" + UUID.randomUUID());
        String token = "ct_" + UUID.randomUUID().toString().replace("-", "") + "A1b2C3d4E5f6G7h8";
        Map<String, Object> start = Map.of("message", "How long does shipping take?", "conversation_token", token);

        database.holdRepliesAfter("UPDATE idempotency_keys SET conversation_id", "COMMIT");
        var first = CompletableFuture.supplyAsync(() -> keyed.post("/widget/v1/conversations", start));
        await().atMost(Duration.ofSeconds(10)).until(() -> database.held() > 0);
        database.cut();
        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(503);
        database.restore();
        var resumed = await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> keyed.post("/widget/v1/conversations", start),
                        r -> r.status() != 503 && r.status() != 409);

        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(201);
        assertThat(resumed.json().has("token")).isFalse();
        assertThat(counted(shop)).isEqualTo(1);
        var history = widget(shop)
                .header("X-Conversation-Token", token)
                .get("/widget/v1/conversations/" + resumed.json().get("id").asString());
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().get("messages").size()).isEqualTo(2);
    }

    @Test
    void aNodeKilledAfterAStartsCommitLosesNothingAndAnotherNodeResumesTheRetry() throws Exception {
        var shop = fixtures.shop("alice@example.com");
        Map<String, Object> start = Map.of("message", "How long does shipping take?");
        String key = "killed-" + UUID.randomUUID();
        try (TcpProxy toOtherNodesDatabase = TcpProxy.toTestDatabase()) {
            int otherPort = freePort();
            String url = toOtherNodesDatabase.route(TestDatabase.url());
            otherNode = startNode(otherPort, url + (url.contains("?") ? "&" : "?") + "prepareThreshold=0");
            Http nodeA = widgetOn(otherPort, shop).header("Idempotency-Key", key);
            Http nodeB = widget(shop).header("Idempotency-Key", key);

            // The start commits on node A (conversation, count, token, message, key), which is killed before it
            // hears back: it never answers, never releases its key, never renews its lease again.
            toOtherNodesDatabase.holdRepliesAfter("UPDATE idempotency_keys SET conversation_id", "COMMIT");
            var unanswered = CompletableFuture.supplyAsync(() -> nodeA.post("/widget/v1/conversations", start));
            await().atMost(Duration.ofSeconds(10)).until(() -> toOtherNodesDatabase.held() > 0);
            otherNode.destroyForcibly(); // SIGKILL
            assertThat(otherNode.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(unanswered).failsWithin(Duration.ofSeconds(10));

            long killed = System.nanoTime();
            var resumed = await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> nodeB.post("/widget/v1/conversations", start), r -> r.status() != 409);
            assertThat(resumed.status()).as(resumed.toString()).isEqualTo(201);
            assertThat(resumed.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(Duration.ofNanos(System.nanoTime() - killed))
                    .as("at most node A's lease (2 s), not the 60 s in-flight timeout")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(resumed.json().get("id").asString()).isEqualTo(conversationId(shop));
            assertThat(conversations(shop)).isEqualTo(1);
            assertThat(counted(shop)).isEqualTo(1);
            assertOpens(shop, resumed);
        }
    }

    private Http widgetOn(int port, AgentFixtures.Shop shop) {
        return Http.on(port).header("X-Widget-Key", shop.instance().publicKey()).header("Origin", AgentFixtures.ORIGIN);
    }

    /** The application in a process of its own on the same database, ready to serve (as InOneTransactionTests). */
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
                        "--support-agent.webhooks.enabled=false",
                        "--support-agent.warm-up.duration=0",
                        "--support-agent.idempotency.work-lease=2s")
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

    @Test
    void aStreamedStartCommittedButNeverAnsweredIsResumedAsAStream() throws Exception {
        var shop = fixtures.shop("alice@example.com");
        Http keyed = widget(shop)
                .header("Idempotency-Key", "streamed-" + UUID.randomUUID())
                .header("Accept", "text/event-stream");
        Map<String, Object> start = Map.of("message", "How long does shipping take?");

        database.holdRepliesAfter("UPDATE idempotency_keys SET conversation_id", "COMMIT");
        var first = CompletableFuture.supplyAsync(() -> keyed.post("/widget/v1/conversations", start));
        await().atMost(Duration.ofSeconds(10)).until(() -> database.held() > 0);
        database.cut();
        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(503);
        database.restore();
        var resumed = await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> keyed.post("/widget/v1/conversations", start),
                        r -> r.status() != 503 && r.status() != 409);

        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.contentType()).startsWith("text/event-stream");
        assertThat(resumed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(resumed.body()).contains("event: conversation", "event: done", "3-5 business days");
        String id = conversationId(shop);
        assertThat(resumed.body()).contains("\"id\":\"" + id + "\"");
        var token = java.util.regex.Pattern.compile("\"token\":\"(ct_[^\"]+)\"").matcher(resumed.body());
        assertThat(token.find()).as(resumed.body()).isTrue();
        assertThat(counted(shop)).isEqualTo(1);
        var history =
                widget(shop).header("X-Conversation-Token", token.group(1)).get("/widget/v1/conversations/" + id);
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().get("messages").size())
                .as("the first message and one reply")
                .isEqualTo(2);
    }

    @Test
    void concurrentStartsWithOneKeyStartOneConversationAndTheRetryGetsItsAnswer() throws Exception {
        var shop = fixtures.shop("alice@example.com");
        Http keyed = widget(shop).header("Idempotency-Key", "burst-" + UUID.randomUUID());
        Map<String, Object> start = Map.of("message", "How long does shipping take?");
        List<Http.Response> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(5)) {
            List<Future<Http.Response>> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sent.add(clients.submit(() -> keyed.post("/widget/v1/conversations", start)));
            }
            for (Future<Http.Response> f : sent) {
                answers.add(f.get());
            }
        }
        var after = keyed.post("/widget/v1/conversations", start);

        assertThat(answers)
                .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(201, 409));
        assertThat(answers.stream()
                        .filter(a -> a.status() == 201)
                        .map(a -> a.json().get("id").asString())
                        .collect(Collectors.toSet()))
                .hasSize(1);
        assertThat(after.status()).isEqualTo(201);
        assertThat(after.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(conversations(shop)).isEqualTo(1);
        assertThat(counted(shop)).isEqualTo(1);
        assertThat(messages(shop)).as("one first message, one reply").isEqualTo(2);
    }

    /** The answer's token opens its conversation: a message sent with it is answered. */
    private void assertOpens(AgentFixtures.Shop shop, Http.Response started) {
        var sent = widget(shop)
                .header("X-Conversation-Token", started.json().get("token").asString())
                .post(
                        "/widget/v1/conversations/" + started.json().get("id").asString() + "/messages",
                        Map.of("content", "Do you ship to Canada?"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    }

    /** As a client retries after a 503: the first requests after the outage may still meet a broken connection. */
    private static Http.Response retry(Supplier<Http.Response> request) {
        return await().atMost(Duration.ofSeconds(10)).until(request::get, r -> r.status() != 503);
    }

    /** Read through the proxy too: the first reads after an outage may meet a connection it broke. */
    private int count(String sql, AgentFixtures.Shop shop) {
        return await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(
                        () -> platform.jdbc()
                                .sql(sql)
                                .param("org", shop.org().organization().id().value())
                                .query(Integer.class)
                                .single(),
                        n -> true);
    }

    private int conversations(AgentFixtures.Shop shop) {
        return count("SELECT count(*) FROM conversations WHERE organization_id = :org", shop);
    }

    private String conversationId(AgentFixtures.Shop shop) {
        return platform.jdbc()
                .sql("SELECT id::text FROM conversations WHERE organization_id = :org")
                .param("org", shop.org().organization().id().value())
                .query(String.class)
                .single();
    }

    private int counted(AgentFixtures.Shop shop) {
        return count(
                "SELECT coalesce(sum(conversations), 0) FROM conversation_usage WHERE organization_id = :org", shop);
    }

    private int keys(AgentFixtures.Shop shop) {
        return count("SELECT count(*) FROM idempotency_keys WHERE organization_id = :org", shop);
    }

    private int messages(AgentFixtures.Shop shop) {
        return count("SELECT count(*) FROM messages WHERE organization_id = :org", shop);
    }

    private int storedAnswersHolding(String secret) {
        return platform.jdbc()
                .sql(
                        "SELECT count(*) FROM idempotency_keys WHERE position(CAST(:secret AS bytea) IN response_body) > 0")
                .param("secret", secret.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .query(Integer.class)
                .single();
    }
}
