package io.supportagent.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.TenantContext;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.MemberFixtures;
import io.supportagent.support.MeteringIntegrationTest;
import io.supportagent.tenancy.Tier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every attempt of a delivery is kept (time, HTTP status or error, duration, the start of the answer), newest first on
 * the delivery's page, and a Resend adds one more instead of overwriting the last; another organization sees none of
 * them, by URL or in SQL.
 */
@MeteringIntegrationTest
class WebhookDeliveryAttemptsTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    WebhookService webhooks;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    HttpServer server;
    final AtomicInteger busyAnswers = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/flaky", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (busyAnswers.getAndDecrement() > 0) {
                byte[] answer = "busy\u0007, try later".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(503, answer.length);
                exchange.getResponseBody().write(answer);
            } else {
                byte[] answer = "thanks".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    record Sent(Fixtures.Org org, UUID endpoint, UUID delivery) {}

    /** A test event sent to an endpoint that answers 503 first, then 200: delivered at the second attempt. */
    private Sent deliveredAtTheSecondAttempt() {
        var org = fixtures.organization(Tier.PRO);
        Http api = Http.on(port).bearer(org.liveKey());
        busyAnswers.set(1);
        UUID endpoint = UUID.fromString(api.post(
                        "/v1/webhook-endpoints",
                        Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/flaky"))
                .json()
                .get("id")
                .asText());
        assertThat(api.post("/v1/webhook-endpoints/" + endpoint + "/test", Map.of())
                        .status())
                .isEqualTo(202);
        WebhookDelivery delivered = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> TenantContext.callAs(
                                org.live(),
                                () -> webhooks.deliveries(endpoint, null, 10, null)
                                        .getFirst()),
                        d -> d.status().equals("delivered"));
        return new Sent(org, endpoint, delivered.id());
    }

    private List<WebhookDeliveryAttempt> attempts(Sent sent) {
        return TenantContext.callAs(sent.org().live(), () -> webhooks.attempts(sent.endpoint(), sent.delivery()));
    }

    @Test
    void keepsEveryAttemptNewestFirstAndAResendAddsOne() {
        Sent sent = deliveredAtTheSecondAttempt();

        List<WebhookDeliveryAttempt> attempts = attempts(sent);
        assertThat(attempts).extracting(WebhookDeliveryAttempt::attempt).containsExactly(2, 1);
        WebhookDeliveryAttempt accepted = attempts.get(0);
        WebhookDeliveryAttempt refused = attempts.get(1);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.error()).isNull();
        assertThat(accepted.response()).isEqualTo("thanks");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.error()).isEqualTo("HTTP 503");
        assertThat(refused.response()).as("control characters dropped").isEqualTo("busy, try later");
        assertThat(refused.durationMs()).isNotNull().isBetween(0, 10_000);
        assertThat(refused.attemptedAt()).isBefore(accepted.attemptedAt());

        var owner = people.join(sent.org().organization().id(), MemberRole.OWNER);
        DashboardSession browser = DashboardSession.signedIn(port, owner);
        String endpointPage = "/app/" + sent.org().organization().id() + "/live/webhooks/" + sent.endpoint();
        String page = endpointPage + "/deliveries/" + sent.delivery();
        assertThat(browser.get(endpointPage).body()).contains(page);
        var shown = browser.get(page);
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        assertThat(shown.body())
                .contains("HTTP 503")
                .contains("busy, try later")
                .contains("HTTP 200")
                .contains("thanks")
                .contains("webhook_endpoint.test");
        assertThat(shown.body().indexOf(">#2<"))
                .isPositive()
                .isLessThan(shown.body().indexOf(">#1<"));

        assertThat(browser.post(page + "/resend", Map.of()).status()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(15)).until(() -> attempts(sent).size() == 3);
        assertThat(attempts(sent)).extracting(WebhookDeliveryAttempt::attempt).containsExactly(3, 2, 1);
        assertThat(attempts(sent).getFirst().statusCode()).isEqualTo(200);
        String again = browser.get(page).body();
        assertThat(again.indexOf(">#3<")).isPositive().isLessThan(again.indexOf(">#2<"));
        assertThat(again).contains("HTTP 503");
        assertThat(browser.get("/app/" + sent.org().organization().id() + "/live/audit")
                        .body())
                .contains("Sent a webhook delivery to");
    }

    @Test
    void anotherOrganizationSeesNoneOfTheAttempts() {
        Sent a = deliveredAtTheSecondAttempt();
        var b = fixtures.organization(Tier.PRO);
        UUID endpointOfB = TenantContext.callAs(b.live(), () -> webhooks.create("https://b.example.com/hooks", null))
                .id();
        var ownerOfB = people.join(b.organization().id(), MemberRole.OWNER);
        DashboardSession browser = DashboardSession.signedIn(port, ownerOfB);

        String ofA = "/webhooks/" + a.endpoint() + "/deliveries/" + a.delivery();
        for (String url : List.of(
                "/app/" + a.org().organization().id() + "/live" + ofA,
                "/app/" + b.organization().id() + "/live" + ofA,
                "/app/" + b.organization().id() + "/live/webhooks/" + endpointOfB + "/deliveries/" + a.delivery(),
                "/app/" + b.organization().id() + "/live/webhooks/" + endpointOfB + "/deliveries/not-an-id")) {
            var answer = browser.get(url);
            assertThat(answer.status()).as(url).isEqualTo(404);
            assertThat(answer.body()).doesNotContain("busy, try later");
        }
        // the API: B's key cannot reach A's endpoint, whose log holds the attempts
        assertThat(Http.on(port)
                        .bearer(b.liveKey())
                        .get("/v1/webhook-endpoints/" + a.endpoint())
                        .status())
                .isEqualTo(404);
        // nor can A's own test mode, whose endpoints are others
        assertThatThrownBy(
                        () -> TenantContext.callAs(a.org().test(), () -> webhooks.attempts(a.endpoint(), a.delivery())))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> TenantContext.callAs(b.live(), () -> webhooks.attempts(endpointOfB, a.delivery())))
                .isInstanceOf(NotFound.class);
        assertThat(organizationsWithAttemptsVisibleTo(b)).isEmpty();
        assertThat(organizationsWithAttemptsVisibleTo(a.org()))
                .containsExactly(a.org().organization().id().value());
        Integer withoutTenant = new TransactionTemplate(transactions)
                .execute(status -> jdbc.sql("SELECT count(*) FROM webhook_delivery_attempts")
                        .query(Integer.class)
                        .single());
        assertThat(withoutTenant).isZero();
    }

    private List<UUID> organizationsWithAttemptsVisibleTo(Fixtures.Org org) {
        return TenantContext.callAs(
                org.live(),
                () -> new TransactionTemplate(transactions)
                        .execute(status -> jdbc.sql("SELECT DISTINCT organization_id FROM webhook_delivery_attempts")
                                .query(UUID.class)
                                .list()));
    }
}
