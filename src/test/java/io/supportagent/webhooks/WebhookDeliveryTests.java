package io.supportagent.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.supportagent.platform.OrganizationId;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.MeteringIntegrationTest;
import io.supportagent.support.Storefront;
import io.supportagent.support.TestClock;
import io.supportagent.support.TestDatabase;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@MeteringIntegrationTest
class WebhookDeliveryTests {

    static final Instant JANUARY = Instant.parse("2027-01-15T12:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Storefront storefront;

    @Autowired
    TestClock clock;

    @Autowired
    TenancyService tenancy;

    @Autowired
    WebhookService webhooks;

    HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresToAnswer = new AtomicInteger();
    final AtomicInteger redirected = new AtomicInteger();

    record Received(Map<String, String> headers, String body) {}

    @BeforeEach
    void startReceiver() throws IOException {
        clock.moveTo(JANUARY);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders()
                    .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
            received.add(new Received(headers, body));
            int status = failuresToAnswer.getAndDecrement() > 0 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.createContext("/refuses", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer =
                    ("{\"error\": \"unknown event\u0007\"}\n" + "x".repeat(2_000)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(422, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            redirected.incrementAndGet();
            exchange.getResponseHeaders().add("Location", receiverUrl());
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
        clock.reset();
    }

    String receiverUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    @Test
    void managesEndpointsShowingTheSecretOnlyOnCreation() {
        var org = fixtures.organization(Tier.PRO);
        Http api = Http.on(port).bearer(org.liveKey());

        var created =
                api.post("/v1/webhook-endpoints", Map.of("url", "https://example.com/hooks", "description", "ops"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("secret").asText()).startsWith("whsec_").hasSize(6 + 64);
        String id = created.json().get("id").asText();
        var listed = api.get("/v1/webhook-endpoints");
        assertThat(listed.json().get("data")).hasSize(1);
        assertThat(listed.json().get("data").get(0).get("id").asText()).isEqualTo(id);
        assertThat(listed.json().get("data").get(0).has("secret")).isFalse();
        assertThat(api.get("/v1/webhook-endpoints/" + id).json().has("secret")).isFalse();
        assertThat(api.delete("/v1/webhook-endpoints/" + id).status()).isEqualTo(200);
        assertThat(api.get("/v1/webhook-endpoints/" + id).status()).isEqualTo(404);
        assertThat(api.get("/v1/webhook-endpoints").json().get("data")).isEmpty();
    }

    @Test
    void refusesUrlsThatAreNotHttp() {
        var org = fixtures.organization(Tier.BASIC);
        Http api = Http.on(port).bearer(org.liveKey());

        for (String url : List.of("ftp://example.com/x", "file:///etc/passwd", "not a url", "")) {
            var response = api.post("/v1/webhook-endpoints", Map.of("url", url));
            assertThat(response.status()).as(url).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("code").asText()).isEqualTo("validation_failed");
        }
    }

    @Test
    void anotherOrganizationCanNeitherSeeNorDeleteAnEndpoint() {
        var a = fixtures.organization(Tier.PRO);
        var b = fixtures.organization(Tier.PRO);
        String id = Http.on(port)
                .bearer(a.liveKey())
                .post("/v1/webhook-endpoints", Map.of("url", "https://a.example/hooks"))
                .json()
                .get("id")
                .asText();
        Http asB = Http.on(port).bearer(b.liveKey());

        assertThat(asB.get("/v1/webhook-endpoints/" + id).status()).isEqualTo(404);
        assertThat(asB.delete("/v1/webhook-endpoints/" + id).status()).isEqualTo(404);
        assertThat(asB.get("/v1/webhook-endpoints").json().get("data")).isEmpty();
        assertThat(asB.get("/v1/webhook-endpoints/not-an-id").status()).isEqualTo(404);
        // A's test key sees only test-mode endpoints
        assertThat(Http.on(port)
                        .bearer(a.testKey())
                        .get("/v1/webhook-endpoints/" + id)
                        .status())
                .isEqualTo(404);
        assertThat(Http.on(port)
                        .bearer(a.liveKey())
                        .get("/v1/webhook-endpoints/" + id)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void deliversEachCrossedThresholdSignedWithTheEndpointSecret() throws Exception {
        var org = fixtures.organization(Tier.BASIC);
        tenancy.changeCustomPricing(org.organization().id(), "{\"included_conversations\": 10}");
        String secret = Http.on(port)
                .bearer(org.liveKey())
                .post("/v1/webhook-endpoints", Map.of("url", receiverUrl()))
                .json()
                .get("secret")
                .asText();
        var shop = storefront.open(org);

        storefront.startConcurrently(shop, org.live(), 12, 6);

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 2);
        assertThat(received).hasSize(2);
        List<JsonNode> events = received.stream()
                .map(r -> {
                    assertThat(WebhookSignature.verify(secret, r.headers().get("support-agent-signature"), r.body()))
                            .isTrue();
                    JsonNode event = JsonMapper.builder().build().readTree(r.body());
                    assertThat(r.headers().get("support-agent-event-id"))
                            .isEqualTo(event.get("id").asText());
                    assertThat(r.headers().get("content-type")).startsWith("application/json");
                    return event;
                })
                .toList();
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("type").asText()).isEqualTo("usage.threshold_crossed");
            assertThat(e.get("data").get("organization_id").asText())
                    .isEqualTo(org.organization().id().toString());
            assertThat(e.get("data").get("period").asText()).isEqualTo("2027-01");
        });
        assertThat(events.stream().map(e -> e.get("data").get("threshold").asInt()))
                .containsExactlyInAnyOrder(90, 100);
        assertThat(events.stream().map(e -> e.get("data").get("conversations").asInt()))
                .containsExactlyInAnyOrder(9, 10);
        String signature = received.getFirst().headers().get("support-agent-signature");
        assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
    }

    @Test
    void aRolledSecretSignsBesideTheOldOneUntilItStopsAndATestEventReachesTheEndpointWhateverItChose() {
        var org = fixtures.organization(Tier.PRO);
        Http api = Http.on(port).bearer(org.liveKey());
        var created = api.post(
                "/v1/webhook-endpoints",
                Map.of("url", receiverUrl(), "enabled_events", List.of("conversation.resolved")));
        String endpoint = "/v1/webhook-endpoints/" + created.json().get("id").asText();
        String original = created.json().get("secret").asText();

        var rolled = api.post(endpoint + "/roll-secret", Map.of("expires_in_seconds", 3600));

        assertThat(rolled.status()).as(rolled.toString()).isEqualTo(200);
        String secret = rolled.json().get("secret").asText();
        assertThat(secret).matches("whsec_[0-9a-f]{64}").isNotEqualTo(original);
        assertThat(Instant.parse(rolled.json().get("previous_secret_expires_at").asText()))
                .isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));
        assertThat(api.get(endpoint).body()).doesNotContain(secret).contains("previous_secret_expires_at");
        var test = api.post(endpoint + "/test", Map.of());
        assertThat(test.status()).as(test.toString()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 1);
        Received first = received.getFirst();
        String both = first.headers().get("support-agent-signature");
        assertThat(both).matches("t=\\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(secret, both, first.body())).isTrue();
        assertThat(WebhookSignature.verify(original, both, first.body()))
                .as("the old secret still signs")
                .isTrue();
        assertThat(WebhookSignature.verify("whsec_someone_else", both, first.body()))
                .isFalse();
        JsonNode event = JsonMapper.builder().build().readTree(first.body());
        assertThat(event.get("type").asText()).isEqualTo("webhook_endpoint.test");
        assertThat(event.get("id").asText()).isEqualTo(test.json().get("id").asText());

        for (Object bad : List.of(-1, 604_801, "soon", 1.5, true)) {
            var refused = api.post(endpoint + "/roll-secret", Map.of("expires_in_seconds", bad));
            assertThat(refused.status()).as(bad + ": " + refused).isEqualTo(400);
        }
        var now = api.post(endpoint + "/roll-secret", Map.of("expires_in_seconds", 0));
        String newest = now.json().get("secret").asText();
        assertThat(now.json().has("previous_secret_expires_at")).isFalse();
        api.post(endpoint + "/test", Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);
        Received second = received.get(1);
        String one = second.headers().get("support-agent-signature");
        assertThat(one).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(newest, one, second.body())).isTrue();
        assertThat(WebhookSignature.verify(secret, one, second.body()))
                .as("rolled with 0: the previous secret stopped at once, and refused rolls changed nothing")
                .isFalse();

        Http other = Http.on(port).bearer(fixtures.organization(Tier.PRO).liveKey());
        assertThat(other.post(endpoint + "/roll-secret", Map.of()).status()).isEqualTo(404);
        assertThat(other.post(endpoint + "/test", Map.of()).status()).isEqualTo(404);
        assertThat(api.get("/v1/audit-events").body())
                .contains("webhook_endpoint.secret_rolled")
                .contains("webhook_endpoint.tested")
                .doesNotContain(newest)
                .doesNotContain(secret);
    }

    @Test
    void theLogKeepsTheStartOfWhatTheReceiverAnsweredAndHowLongItTookAndFiltersByEvent() {
        var org = fixtures.organization(Tier.PRO);
        Http api = Http.on(port).bearer(org.liveKey());
        String refusing = "http://127.0.0.1:" + server.getAddress().getPort() + "/refuses";
        String endpoint = api.post("/v1/webhook-endpoints", Map.of("url", refusing))
                .json()
                .get("id")
                .asText();
        api.post("/v1/webhook-endpoints/" + endpoint + "/test", Map.of());

        var log = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> io.supportagent.platform.TenantContext.callAs(
                                org.live(),
                                () -> webhooks.deliveries(java.util.UUID.fromString(endpoint), null, 10, null)),
                        l -> !l.isEmpty() && l.getFirst().lastStatusCode() != null);
        var attempt = log.getFirst();
        assertThat(attempt.lastStatusCode()).isEqualTo(422);
        assertThat(attempt.lastResponse())
                .startsWith("{\"error\": \"unknown event\"}")
                .as("the start only, without control characters")
                .hasSize(500);
        assertThat(attempt.lastDurationMs()).isNotNull().isBetween(0, 10_000);
        assertThat(attempt.payload()).contains("\"type\":\"webhook_endpoint.test\"");
        assertThat(io.supportagent.platform.TenantContext.callAs(
                        org.live(),
                        () -> webhooks.deliveries(
                                java.util.UUID.fromString(endpoint), null, "conversation.resolved", 10, null)))
                .isEmpty();
        assertThat(io.supportagent.platform.TenantContext.callAs(
                        org.live(),
                        () -> webhooks.deliveries(
                                java.util.UUID.fromString(endpoint), null, "webhook_endpoint.test", 10, null)))
                .hasSize(1);
    }

    @Test
    void retriesAFailedDeliveryUntilTheReceiverAcceptsIt() {
        var org = fixtures.organization(Tier.BASIC);
        tenancy.changeCustomPricing(org.organization().id(), "{\"included_conversations\": 1}");
        String secret = Http.on(port)
                .bearer(org.liveKey())
                .post("/v1/webhook-endpoints", Map.of("url", receiverUrl()))
                .json()
                .get("secret")
                .asText();
        failuresToAnswer.set(2);
        var shop = storefront.open(org);

        // one conversation of one included crosses 90% and 100% at once: two events
        storefront.start(shop, org.live());

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 4);
        assertThat(received.stream()
                        .filter(r -> r.headers()
                                .get("support-agent-delivery-attempt")
                                .equals("2")))
                .hasSize(2);
        assertThat(received)
                .allSatisfy(r -> assertThat(
                                WebhookSignature.verify(secret, r.headers().get("support-agent-signature"), r.body()))
                        .isTrue());
        // the same two events, each delivered twice: once failed, once accepted, and not again
        assertThat(received.stream()
                        .map(r -> r.headers().get("support-agent-event-id"))
                        .distinct())
                .hasSize(2);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> received.size() == 4);
    }

    @Test
    void followsNoRedirect() {
        var org = fixtures.organization(Tier.BASIC);
        tenancy.changeCustomPricing(org.organization().id(), "{\"included_conversations\": 1}");
        Http.on(port)
                .bearer(org.liveKey())
                .post("/v1/webhook-endpoints", Map.of("url", receiverUrl().replace("/hooks", "/moved")));

        storefront.start(storefront.open(org), org.live());

        // a followed redirect would reach the receiver before the attempt is recorded as failed
        await().atMost(Duration.ofSeconds(20))
                .until(() -> redirectedAttempts(org.organization().id()) >= 2);
        assertThat(redirected.get()).isGreaterThanOrEqualTo(2);
        assertThat(received).isEmpty();
    }

    private static int redirectedAttempts(OrganizationId org) throws SQLException {
        try (var c = DriverManager.getConnection(TestDatabase.url());
                var s = c.prepareStatement("SELECT count(*) FROM webhook_deliveries"
                        + " WHERE organization_id = ? AND last_status_code = 307 AND last_error = 'HTTP 307'")) {
            s.setObject(1, org.value());
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void givesOrganizationsNoWayToTargetAnotherOrganizationsEndpoints() {
        var a = fixtures.organization(Tier.BASIC);
        OrganizationId b = fixtures.organization(Tier.BASIC).organization().id();
        // an endpoint is created for the caller's organization whatever the body says: there is no such field
        var response = Http.on(port)
                .bearer(a.liveKey())
                .post("/v1/webhook-endpoints", Map.of("url", receiverUrl(), "organization_id", b.toString()));

        assertThat(response.status()).isEqualTo(400);
    }
}
