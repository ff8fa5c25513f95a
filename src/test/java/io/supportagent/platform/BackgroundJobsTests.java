package io.supportagent.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.supportagent.platform.db.DatabaseOutages;
import io.supportagent.platform.db.DatabaseUrl;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.Storefront;
import io.supportagent.support.TcpProxy;
import io.supportagent.support.TestDatabase;
import io.supportagent.tenancy.Tier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The background work rides out an outage of the database (cut through a {@link TcpProxy}) by itself and loses
 * nothing: webhook deliveries stay pending and go out once, a key's last use is written late, expired idempotency
 * keys are purged late, a claim nobody answered goes back to the inbox's queue late (once), and a conversation start that crossed a usage threshold during the outage is alerted once
 * when the client retries it. Each failed run is counted, and the job is marked failing until a run succeeds.
 *
 * <p>Change notifications go through Redis here, as with several nodes: caches then outlive an outage of the database
 * (on PostgreSQL's LISTEN they are emptied when its connection drops), so a key is still recognised during it.
 */
@IntegrationTest
@Import({Fixtures.class, Storefront.class})
// A context of its own, closed after the class: the shared database server has only so many connections.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(
        properties = {
            "support-agent.webhooks.poll-interval=200ms",
            "support-agent.webhooks.retry-delays=300ms",
            "support-agent.webhooks.allow-private-targets=true",
            "support-agent.api-keys.last-used-flush=200ms",
            "support-agent.api-keys.last-used-interval=100ms",
            "support-agent.idempotency.purge-interval=300ms",
            "support-agent.inbox.release-interval=300ms",
            "support-agent.billing.plans.basic.included-conversations=2",
            "support-agent.redis.url=redis://127.0.0.1:6379"
        })
class BackgroundJobsTests {

    /**
     * A database of its own: the other application contexts of the test JVM run webhook workers on the shared one,
     * and would claim this test's deliveries (straight, not through the proxy) while it is cut off.
     */
    static final String DATABASE = TestDatabase.create("sa_jobs_" + Long.toHexString(System.nanoTime()));

    static final TcpProxy database = proxy();

    static TcpProxy proxy() {
        try {
            return TcpProxy.to(DatabaseUrl.parse(DATABASE).port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("support-agent.database.url", () -> database.route(DATABASE));
    }

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Storefront storefront;

    @Autowired
    MeterRegistry meters;

    HttpServer receiver;
    final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @Autowired
    DatabaseOutages outages;

    /** Back to normal, without the pools' connections that the outage broke (the next failing request drops them). */
    @AfterEach
    void restore() throws IOException {
        receiver.stop(0);
        database.restore();
        outages.connectionsLost();
    }

    @Test
    void aWebhookDeliveryStaysPendingThroughAnOutageAndGoesOutOnceWhenItEnds() throws Exception {
        var org = fixtures.organization(Tier.PRO);
        String endpoint = endpoint(org);
        double failuresBefore = failures("webhook-dispatcher");

        database.cut();
        // Written by a transaction that committed just before the outage.
        UUID delivery = sql("""
                INSERT INTO webhook_deliveries (organization_id, endpoint_id, event_id, event_type, payload, next_attempt_at)
                VALUES (?, ?, gen_random_uuid(), 'test.event', '{"outage":true}', now()) RETURNING id""", org.organization().id().value(), UUID.fromString(endpoint));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(failures("webhook-dispatcher")).isGreaterThan(failuresBefore + 1);
            assertThat(failing("webhook-dispatcher")).isEqualTo(1);
        });
        assertThat(received).isEmpty();
        assertThat(deliveryStatus(delivery)).isEqualTo("pending");

        database.restore();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(deliveryStatus(delivery)).isEqualTo("delivered"));
        assertThat(failing("webhook-dispatcher")).isZero();
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(received.stream()
                                .filter(b -> b.contains("outage"))
                                .count())
                        .isEqualTo(1));
    }

    @Test
    void aKeysLastUseNotedDuringAnOutageIsWrittenWhenItEnds() throws Exception {
        var org = fixtures.organization(Tier.PRO);
        Http http = Http.on(port).bearer(org.liveKey());
        assertThat(http.get("/v1/organization").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> lastUsed(org) != null);
        Timestamp before = lastUsed(org);
        double failuresBefore = failures("api-key-last-used");

        database.cut();
        // The key is recognised from the cache and its use noted; the request itself needs the database.
        assertThat(http.get("/v1/stores").status()).isEqualTo(503);
        await().atMost(Duration.ofSeconds(5)).until(() -> failures("api-key-last-used") > failuresBefore);
        assertThat(lastUsed(org)).isEqualTo(before);

        database.restore();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(lastUsed(org)).isAfter(before);
            assertThat(failing("api-key-last-used")).isZero();
        });
    }

    @Test
    void expiredIdempotencyKeysArePurgedOnceTheDatabaseIsBack() throws Exception {
        var org = fixtures.organization(Tier.PRO);
        double failuresBefore = failures("idempotency-purge");

        database.cut();
        sql("""
                INSERT INTO idempotency_keys (organization_id, livemode, key, fingerprint, state, expires_at)
                VALUES (?, true, 'expired', 'x', 'completed', now() - interval '1 minute') RETURNING organization_id""", org.organization().id().value());
        await().atMost(Duration.ofSeconds(10)).until(() -> failures("idempotency-purge") > failuresBefore);
        assertThat(idempotencyKeys(org)).isEqualTo(1);

        database.restore();

        await().atMost(Duration.ofSeconds(10)).until(() -> idempotencyKeys(org) == 0);
    }

    @Test
    void aStaleClaimGoesBackToTheQueueOnceTheDatabaseIsBackWithOneNote() throws Exception {
        var shop = storefront.open(fixtures.organization(Tier.PRO));
        UUID org = shop.org().organization().id().value();
        double failuresBefore = failures("inbox-stale-claims");

        database.cut();
        // Claimed 20 minutes ago by someone who never answered the shopper (the timeout is 15 minutes).
        UUID conversation = sql("""
                INSERT INTO conversations (organization_id, store_id, agent_instance_id, livemode, status, owner,
                                           handed_off_at, waiting_since, assignee_account_id, assignee_name, assigned_at)
                VALUES (?, ?, ?, true, 'handed_off', 'human', now() - interval '30 minutes',
                        now() - interval '30 minutes', gen_random_uuid(), 'Pat agent', now() - interval '20 minutes')
                RETURNING id""", org, shop.store().value(), shop.instance().value());
        sql("""
                INSERT INTO messages (organization_id, conversation_id, role, content, created_at)
                VALUES (?, ?, 'customer', 'Hello?', now() - interval '25 minutes') RETURNING id""", org, conversation);
        await().atMost(Duration.ofSeconds(10)).until(() -> failures("inbox-stale-claims") > failuresBefore);
        assertThat(assignee(conversation)).isEqualTo("Pat agent");

        database.restore();

        await().atMost(Duration.ofSeconds(10)).until(() -> assignee(conversation) == null);
        assertThat(failing("inbox-stale-claims")).isZero();
        Long notes = sql("SELECT count(*) FROM messages WHERE conversation_id = ? AND role = 'system'", conversation);
        assertThat(notes).isEqualTo(1);
    }

    @Test
    void aStartThatCrossesAThresholdDuringAnOutageIsCountedAndAlertedOnceWhenTheClientRetries() throws Exception {
        var org = fixtures.organization(Tier.BASIC); // 2 conversations included here: alerts at 90% and 100%
        var shop = storefront.open(org);
        endpoint(org);
        Http http = Http.on(port).bearer(org.liveKey());
        Map<String, Object> start = Map.of("agent_instance_id", shop.instance().toString());
        assertThat(http.post("/v1/conversations", start).status()).isEqualTo(201);
        Http retrying = http.header("Idempotency-Key", "crossing-" + UUID.randomUUID());

        database.cut();
        assertThat(retrying.post("/v1/conversations", start).status()).isEqualTo(503);
        database.restore();
        var retried = await().atMost(Duration.ofSeconds(10))
                .until(() -> retrying.post("/v1/conversations", start), r -> r.status() != 503);

        assertThat(retried.status()).isEqualTo(201);
        assertThat(http.get("/v1/usage").json().get("conversations").asInt()).isEqualTo(2);
        assertThat(http.get("/v1/usage").json().get("thresholds_crossed")).hasSize(2);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(received.stream()
                                .filter(b -> b.contains("usage.threshold_crossed"))
                                .count())
                        .isEqualTo(2));
        assertThat(retrying.post("/v1/conversations", start).header("Idempotent-Replayed"))
                .isEqualTo("true");
        assertThat(http.get("/v1/usage").json().get("conversations").asInt()).isEqualTo(2);
    }

    private String endpoint(Fixtures.Org org) {
        var created = Http.on(port)
                .bearer(org.liveKey())
                .post(
                        "/v1/webhook-endpoints",
                        Map.of(
                                "url",
                                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private double failures(String job) {
        var counter =
                meters.find("support_agent.background.failures").tag("job", job).counter();
        return counter == null ? 0 : counter.count();
    }

    private double failing(String job) {
        return meters.get("support_agent.background.failing")
                .tag("job", job)
                .gauge()
                .value();
    }

    /** Straight to PostgreSQL as its superuser, around the proxy. */
    private static <T> T sql(String statement, Object... parameters) throws SQLException {
        try (Connection c = DriverManager.getConnection(DATABASE);
                PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<Object> row = new ArrayList<>();
                if (rs.next()) {
                    row.add(rs.getObject(1));
                }
                @SuppressWarnings("unchecked")
                T first = row.isEmpty() ? null : (T) row.getFirst();
                return first;
            }
        }
    }

    private static String deliveryStatus(UUID delivery) throws SQLException {
        return sql("SELECT status FROM webhook_deliveries WHERE id = ?", delivery);
    }

    private static String assignee(UUID conversation) throws SQLException {
        return sql("SELECT assignee_name FROM conversations WHERE id = ?", conversation);
    }

    private static Timestamp lastUsed(Fixtures.Org org) throws SQLException {
        return sql(
                "SELECT max(last_used_at) FROM organization_api_keys WHERE organization_id = ?",
                org.organization().id().value());
    }

    private static int idempotencyKeys(Fixtures.Org org) throws SQLException {
        Long count = sql(
                "SELECT count(*) FROM idempotency_keys WHERE organization_id = ?",
                org.organization().id().value());
        return count.intValue();
    }
}
