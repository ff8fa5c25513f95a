package io.supportagent.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.AgentFixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The public widget key cannot run up a bill: a conversation starts only with the shopper's first message, only from
 * the store's pages (or its server, where the store allows it), and with identity verification only for the shoppers
 * the store vouches for.
 */
@IntegrationTest
@Import(AgentFixtures.class)
class WidgetStartTests {

    @LocalServerPort
    int port;

    @Autowired
    AgentFixtures fixtures;

    @Autowired
    PlatformJdbc platform;

    private Http widget(AgentFixtures.Shop shop) {
        return Http.on(port).header("X-Widget-Key", shop.instance().publicKey()).header("Origin", AgentFixtures.ORIGIN);
    }

    private Http merchant(AgentFixtures.Shop shop) {
        return Http.on(port).bearer(shop.org().liveKey());
    }

    @Test
    void openingTheChatOrStartingWithoutAMessageCountsNothing() {
        var shop = fixtures.shop("alice@example.com");

        assertThat(widget(shop).get("/widget/v1/config").status()).isEqualTo(200);
        var empty = widget(shop).post("/widget/v1/conversations", Map.of());
        var blank = widget(shop).post("/widget/v1/conversations", Map.of("message", "   "));
        var nothing = widget(shop).post("/widget/v1/conversations", null);

        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("errors").has("message")).isTrue();
        assertThat(blank.status()).isEqualTo(400);
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(conversations(shop)).isZero();
        assertThat(counted(shop)).isZero();
    }

    @Test
    void aRequestWithoutOriginIsRefusedUnlessTheStoreLetsItsServerCall() {
        var shop = fixtures.shop("alice@example.com");
        Http server = Http.on(port).header("X-Widget-Key", shop.instance().publicKey());

        var refused = server.post("/widget/v1/conversations", Map.of("message", "Hello"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("origin_required");
        assertThat(server.get("/widget/v1/config").status()).isEqualTo(403);
        assertThat(conversations(shop)).isZero();

        var optIn = merchant(shop).patch("/v1/stores/" + shop.store().id(), Map.of("server_requests_allowed", true));
        assertThat(optIn.status()).isEqualTo(200);
        assertThat(optIn.json().get("server_requests_allowed").asBoolean()).isTrue();

        assertThat(server.post("/widget/v1/conversations", Map.of("message", "Hello"))
                        .status())
                .isEqualTo(201);
        assertThat(counted(shop)).isEqualTo(1);
    }

    @Test
    void aClientTokenThatIsNotAStrongSecretStartsNothing() {
        var shop = fixtures.shop("alice@example.com");

        var weak =
                widget(shop).post("/widget/v1/conversations", Map.of("message", "Hi", "conversation_token", "ct_1234"));

        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("errors").has("conversation_token")).isTrue();
        assertThat(conversations(shop)).isZero();
    }

    // ---- identity verification

    private String rollSecret(AgentInstanceRef instance, Http merchant) {
        var rolled = merchant.post("/v1/agent-instances/" + instance.id() + "/identity/roll-secret", null);
        assertThat(rolled.status()).as(rolled.toString()).isEqualTo(200);
        return rolled.json().get("secret").asString();
    }

    record AgentInstanceRef(String id) {}

    private static AgentInstanceRef ref(AgentFixtures.Shop shop) {
        return new AgentInstanceRef(shop.instance().id().toString());
    }

    static String sign(String secret, Map<String, Object> claims, Instant expires) throws Exception {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder();
        claims.forEach(set::claim);
        if (expires != null) {
            set.expirationTime(Date.from(expires));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), set.build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void aVerifiedShopperFindsTheirOrderWithoutTypingAnEmail() throws Exception {
        var shop = fixtures.shop("alice@example.com");
        String secret = rollSecret(ref(shop), merchant(shop));
        assertThat(secret).startsWith("idsec_");
        String token = sign(
                secret,
                Map.of("sub", "customer-42", "email", "alice@example.com", "name", "Alice"),
                Instant.now().plus(Duration.ofMinutes(10)));

        var started = widget(shop)
                .post(
                        "/widget/v1/conversations",
                        Map.of("message", "Where is my order 1001?", "identity_token", token));

        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.json().get("reply").get("content").asString()).contains("Order 1001 is shipped");
        var read = merchant(shop)
                .get("/v1/conversations/" + started.json().get("id").asString());
        assertThat(read.json().get("customer_email").asString()).isEqualTo("alice@example.com");
        assertThat(read.json().get("customer_email_verified").asBoolean()).isTrue();
        assertThat(read.json().get("customer_reference").asString()).isEqualTo("customer-42");
        assertThat(read.json().get("customer_name").asString()).isEqualTo("Alice");
    }

    @Test
    void aForgedExpiredOrForeignTokenAnswers401AndStartsNothing() throws Exception {
        var shop = fixtures.shop("alice@example.com");
        var other = fixtures.secondStore(shop, "s");
        String secret = rollSecret(ref(shop), merchant(shop));
        String otherSecret = rollSecret(ref(other), merchant(shop));
        Map<String, Object> claims = Map.of("sub", "customer-42", "email", "alice@example.com");
        Instant soon = Instant.now().plus(Duration.ofMinutes(10));

        Map<String, String> tokens = new HashMap<>();
        tokens.put("forged", sign("idsec_" + "x".repeat(43), claims, soon));
        tokens.put("expired", sign(secret, claims, Instant.now().minus(Duration.ofMinutes(10))));
        tokens.put("no expiry", sign(secret, claims, null));
        tokens.put("valid for a year", sign(secret, claims, Instant.now().plus(Duration.ofDays(365))));
        tokens.put("another instance's", sign(otherSecret, claims, soon));
        tokens.put("no subject", sign(secret, Map.of("email", "alice@example.com"), soon));
        tokens.put("not a JWT", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        tokens.put("garbage", "hello");

        tokens.forEach((why, token) -> {
            var refused = widget(shop)
                    .post(
                            "/widget/v1/conversations",
                            Map.of("message", "Where is order 1001?", "identity_token", token));
            assertThat(refused.status()).as(why + ": " + refused).isEqualTo(401);
            assertThat(refused.json().get("code").asString()).as(why).isEqualTo("invalid_identity_token");
        });
        assertThat(conversations(shop)).isZero();
        assertThat(counted(shop)).isZero();
    }

    @Test
    void anInstanceThatRequiresVerificationTalksOnlyToVerifiedShoppers() throws Exception {
        var shop = fixtures.shop("alice@example.com");
        String path = "/v1/agent-instances/" + shop.instance().id() + "/identity";
        var withoutSecret = merchant(shop).patch(path, Map.of("required", true));
        assertThat(withoutSecret.status()).as("nothing to verify with yet").isEqualTo(409);
        assertThat(withoutSecret.json().get("code").asString()).isEqualTo("identity_secret_required");
        assertThat(merchant(shop).patch(path, Map.of("required", false)).status())
                .as("not required without a secret: already so")
                .isEqualTo(200);

        String secret = rollSecret(ref(shop), merchant(shop));
        var required = merchant(shop).patch(path, Map.of("required", true));
        assertThat(required.status()).isEqualTo(200);
        assertThat(required.json().get("required").asBoolean()).isTrue();
        assertThat(required.json().has("secret")).as("shown once, at the roll").isFalse();

        var anonymous = widget(shop).post("/widget/v1/conversations", Map.of("message", "Hi"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asString()).isEqualTo("identity_required");
        assertThat(conversations(shop)).isZero();

        String token = sign(secret, Map.of("sub", "c-1"), Instant.now().plus(Duration.ofMinutes(5)));
        assertThat(widget(shop)
                        .post("/widget/v1/conversations", Map.of("message", "Hi", "identity_token", token))
                        .status())
                .isEqualTo(201);

        // A roll replaces the secret at once: tokens signed with the old one stop opening conversations.
        rollSecret(ref(shop), merchant(shop));
        assertThat(widget(shop)
                        .post("/widget/v1/conversations", Map.of("message", "Hi", "identity_token", token))
                        .status())
                .isEqualTo(401);
        assertThat(merchant(shop).delete(path).json().get("enabled").asBoolean())
                .isFalse();
        assertThat(widget(shop)
                        .post("/widget/v1/conversations", Map.of("message", "Hi"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void identitySettingsAreTheOrganizationsOwnAndChangeOnlyWithALiveKey() {
        var shop = fixtures.shop("alice@example.com");
        var stranger = fixtures.shop("mallory@example.com");
        String path = "/v1/agent-instances/" + shop.instance().id() + "/identity";

        Http foreign = merchant(stranger);
        assertThat(foreign.get(path).status()).isEqualTo(404);
        assertThat(foreign.post(path + "/roll-secret", null).status()).isEqualTo(404);
        assertThat(foreign.patch(path, Map.of("required", true)).status()).isEqualTo(404);
        assertThat(foreign.delete(path).status()).isEqualTo(404);
        var test = Http.on(port).bearer(shop.org().testKey()).post(path + "/roll-secret", null);
        assertThat(test.status()).isEqualTo(403);
        assertThat(test.json().get("code").asString()).isEqualTo("live_mode_required");
        assertThat(merchant(shop).get(path).json().get("enabled").asBoolean()).isFalse();
    }

    private int conversations(AgentFixtures.Shop shop) {
        return platform.jdbc()
                .sql("SELECT count(*) FROM conversations WHERE organization_id = :org")
                .param("org", shop.org().organization().id().value())
                .query(Integer.class)
                .single();
    }

    private int counted(AgentFixtures.Shop shop) {
        return platform.jdbc()
                .sql("SELECT coalesce(sum(conversations), 0) FROM conversation_usage WHERE organization_id = :org")
                .param("org", shop.org().organization().id().value())
                .query(Integer.class)
                .single();
    }
}
