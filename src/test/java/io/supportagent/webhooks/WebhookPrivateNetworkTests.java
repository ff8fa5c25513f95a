package io.supportagent.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.OwnDatabase;
import io.supportagent.tenancy.Tier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * With the default settings, as hosted: no tenant can make the platform send a webhook into a private network. On a
 * database of its own: the delivery workers of other test contexts, which allow private targets for their local
 * receivers, would otherwise deliver this test's deliveries before this context refuses them.
 */
@IntegrationTest
@Import(Fixtures.class)
@ContextConfiguration(initializers = OwnDatabase.class)
@org.springframework.test.context.TestPropertySource(properties = "support-agent.webhooks.allow-private-targets=false")
class WebhookPrivateNetworkTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Value("${support-agent.database.url}")
    String databaseUrl;

    HttpServer server;
    final AtomicInteger received = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    @Test
    void refusesToRegisterPrivateNetworkTargetsAndStoresNothing() throws SQLException {
        var org = fixtures.organization(Tier.PRO);
        Http api = Http.on(port).bearer(org.liveKey());

        for (String url : List.of(
                "http://127.0.0.1:1/x",
                "http://169.254.169.254/latest",
                "http://[::1]/",
                "http://localhost/",
                "http://LOCALHOST./",
                "http://10.0.0.8/hooks",
                "http://172.16.5.4/hooks",
                "http://192.168.1.1/hooks",
                "http://100.64.0.1/hooks",
                "http://0.0.0.0/",
                "http://[::ffff:127.0.0.1]/",
                "http://[fd00::1]/",
                "http://[fe80::1]/",
                "http://metadata.google.internal/computeMetadata/v1/",
                "http://postgres:5432/",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks")) {
            var response = api.post("/v1/webhook-endpoints", Map.of("url", url));

            assertThat(response.status()).as(url).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("code").asText()).isEqualTo("validation_failed");
            assertThat(response.json().get("errors").get("url").asText())
                    .as(url)
                    .contains("private network addresses")
                    .contains("not allowed");
        }
        assertThat(api.get("/v1/webhook-endpoints").json().get("data")).isEmpty();
        assertThat(endpointsOf(org.organization().id().value())).isZero();
    }

    @Test
    void registersPublicAddresses() {
        var org = fixtures.organization(Tier.PRO);
        Http api = Http.on(port).bearer(org.liveKey());

        for (String url : List.of("https://93.184.216.34/hooks", "https://[2606:4700::1111]/hooks")) {
            assertThat(api.post("/v1/webhook-endpoints", Map.of("url", url)).status())
                    .as(url)
                    .isEqualTo(201);
        }
    }

    @Test
    void givesUpADeliveryToAHostThatNowResolvesIntoAPrivateNetworkWithoutSendingIt() throws SQLException {
        // Endpoints stored while the rule allowed them (or before DNS pointed them here): checked again to deliver.
        UUID org = fixtures.organization(Tier.PRO).organization().id().value();
        String receiver = ":" + server.getAddress().getPort() + "/hooks";
        UUID byAddress = enqueue(org, "http://127.0.0.1" + receiver);
        UUID byName = enqueue(org, "http://localhost" + receiver);

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        status(byAddress).equals("failed") && status(byName).equals("failed"));

        for (UUID delivery : List.of(byAddress, byName)) {
            assertThat(column(delivery, "attempts")).isEqualTo("1");
            assertThat(column(delivery, "last_error")).contains("public internet addresses only");
            assertThat(column(delivery, "last_status_code")).isNull();
        }
        assertThat(received).hasValue(0);
    }

    private UUID enqueue(UUID org, String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(databaseUrl);
                PreparedStatement endpoint = c.prepareStatement("""
                        INSERT INTO webhook_endpoints (organization_id, livemode, url, secret)
                        VALUES (?, true, ?, 'whsec_test') RETURNING id""");
                PreparedStatement delivery = c.prepareStatement("""
                        INSERT INTO webhook_deliveries (organization_id, endpoint_id, event_id, event_type, payload,
                                                        next_attempt_at)
                        VALUES (?, ?, gen_random_uuid(), 'usage.threshold_crossed', '{}', now()) RETURNING id""")) {
            endpoint.setObject(1, org);
            endpoint.setString(2, url);
            UUID endpointId = single(endpoint, UUID.class);
            delivery.setObject(1, org);
            delivery.setObject(2, endpointId);
            return single(delivery, UUID.class);
        }
    }

    private String status(UUID delivery) throws SQLException {
        return column(delivery, "status");
    }

    private String column(UUID delivery, String column) throws SQLException {
        try (Connection c = DriverManager.getConnection(databaseUrl);
                PreparedStatement s =
                        c.prepareStatement("SELECT " + column + "::text FROM webhook_deliveries WHERE id = ?")) {
            s.setObject(1, delivery);
            return single(s, String.class);
        }
    }

    private int endpointsOf(UUID org) throws SQLException {
        try (Connection c = DriverManager.getConnection(databaseUrl);
                PreparedStatement s =
                        c.prepareStatement("SELECT count(*)::int FROM webhook_endpoints WHERE organization_id = ?")) {
            s.setObject(1, org);
            return single(s, Integer.class);
        }
    }

    private static <T> T single(PreparedStatement statement, Class<T> type) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getObject(1, type);
        }
    }
}
