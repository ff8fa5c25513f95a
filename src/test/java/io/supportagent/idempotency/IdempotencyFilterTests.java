package io.supportagent.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.ApiFixtures;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.tenancy.Tier;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

@IntegrationTest
@Import({Fixtures.class, ApiFixtures.class})
class IdempotencyFilterTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiFixtures api;

    @Autowired
    PlatformJdbc platform;

    @Test
    void replaysTheFirstAnswerWithoutCreatingAgain() {
        var org = fixtures.organization(Tier.PRO);
        var deployed = api.deploy(org);
        Http http = Http.on(port).bearer(org.liveKey()).header("Idempotency-Key", "start-" + UUID.randomUUID());
        Map<String, Object> body =
                Map.of("agent_instance_id", deployed.instance().id().toString());

        var first = http.post("/v1/conversations", body);
        var second = http.post("/v1/conversations", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.contentType()).startsWith("application/json");
        assertThat(conversations(org)).isEqualTo(1);
    }

    @Test
    void aReplayedKeyCreationNeverShowsOrStoresTheSecretAgain() {
        var org = fixtures.organization(Tier.PRO);
        Http http = Http.on(port).bearer(org.liveKey()).header("Idempotency-Key", "key-" + UUID.randomUUID());

        var first = http.post("/v1/api-keys", Map.of("name", "CI deploys"));
        var second = http.post("/v1/api-keys", Map.of("name", "CI deploys"));

        String secret = first.json().get("secret").asString();
        assertThat(secret).startsWith("sk_live_");
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        assertThat(second.json().get("secret").isNull()).isTrue();
        assertThat(platform.jdbc()
                        .sql(
                                "SELECT count(*) FROM idempotency_keys WHERE position(CAST(:secret AS bytea) IN response_body) > 0")
                        .param("secret", secret.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void replaysClientErrorsButNotConflicts() {
        var org = fixtures.organization(Tier.BASIC);
        Http http = Http.on(port).bearer(org.liveKey());
        http.post("/v1/stores", Map.of("name", "Only"));
        Http keyed = http.header("Idempotency-Key", "second-store");
        var refused = keyed.post("/v1/stores", Map.of("name", "Second"));
        assertThat(refused.status()).isEqualTo(403);
        var replayed = keyed.post("/v1/stores", Map.of("name", "Second"));
        assertThat(replayed.status()).isEqualTo(403);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.contentType()).startsWith("application/problem+json");

        assertThat(IdempotencyFilter.replayable(409)).isFalse();
        assertThat(IdempotencyFilter.replayable(429)).isFalse();
        assertThat(IdempotencyFilter.replayable(500)).isFalse();
        assertThat(IdempotencyFilter.replayable(503)).isFalse();
        assertThat(IdempotencyFilter.replayable(404)).isTrue();
    }

    @Test
    void theSameKeyWithOtherParametersIsRefused() {
        var org = fixtures.organization(Tier.ENTERPRISE);
        Http http = Http.on(port).bearer(org.liveKey()).header("Idempotency-Key", "k1");
        assertThat(http.post("/v1/stores", Map.of("name", "One")).status()).isEqualTo(201);

        var reused = http.post("/v1/stores", Map.of("name", "Two"));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("code").asString()).isEqualTo("idempotency_key_reused");
        assertThat(stores(org)).isEqualTo(1);
    }

    @Test
    void theSameKeyWhileTheFirstRequestRunsAnswersConflict() {
        var org = fixtures.organization(Tier.ENTERPRISE);
        Http http = Http.on(port).bearer(org.liveKey()).header("Idempotency-Key", "slow");
        Map<String, Object> body = Map.of("name", "Slow");
        // The first request is in flight on another node: its claim is there, its answer not yet.
        platform.jdbc()
                .sql("""
                        INSERT INTO idempotency_keys (organization_id, livemode, key, fingerprint, state, expires_at, locked_until)
                        VALUES (:org, true, 'slow', :fingerprint, 'in_flight', now() + interval '1 day', now() + interval '1 minute')""")
                .param("org", org.organization().id().value())
                .param("fingerprint", "POST /v1/stores " + sha256("{\"name\":\"Slow\"}"))
                .update();

        var concurrent = http.post("/v1/stores", body);

        assertThat(concurrent.status()).isEqualTo(409);
        assertThat(concurrent.json().get("code").asString()).isEqualTo("idempotency_key_in_use");
        assertThat(stores(org)).isZero();
    }

    @Test
    void keysArePerOrganizationAndModeAndExpire() {
        var a = fixtures.organization(Tier.ENTERPRISE);
        var b = fixtures.organization(Tier.ENTERPRISE);
        String key = "shared-key";
        assertThat(Http.on(port)
                        .bearer(a.liveKey())
                        .header("Idempotency-Key", key)
                        .post("/v1/stores", Map.of("name", "A"))
                        .status())
                .isEqualTo(201);
        var otherOrg = Http.on(port)
                .bearer(b.liveKey())
                .header("Idempotency-Key", key)
                .post("/v1/stores", Map.of("name", "B"));
        assertThat(otherOrg.status()).isEqualTo(201);
        assertThat(otherOrg.header("Idempotent-Replayed")).isNull();
        // A test key may not create stores (shared configuration): the request runs and is refused, where a key
        // shared across modes would have replayed live mode's 201 or answered 422 for the other body.
        var testMode = Http.on(port)
                .bearer(a.testKey())
                .header("Idempotency-Key", key)
                .post("/v1/stores", Map.of("name", "T"));
        assertThat(testMode.status()).as(testMode.toString()).isEqualTo(403);
        assertThat(testMode.json().get("code").asString()).isEqualTo("live_mode_required");
        assertThat(testMode.header("Idempotent-Replayed")).isNull();

        platform.jdbc()
                .sql(
                        "UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE organization_id = :org")
                .param("org", a.organization().id().value())
                .update();
        var afterExpiry = Http.on(port)
                .bearer(a.liveKey())
                .header("Idempotency-Key", key)
                .post("/v1/stores", Map.of("name", "A2"));
        assertThat(afterExpiry.status()).isEqualTo(201);
        assertThat(afterExpiry.header("Idempotent-Replayed")).isNull();
        assertThat(stores(a)).isEqualTo(2);
    }

    @Test
    void refusesKeysLongerThan255Characters() {
        var org = fixtures.organization(Tier.ENTERPRISE);
        var response = Http.on(port)
                .bearer(org.liveKey())
                .header("Idempotency-Key", "k".repeat(256))
                .post("/v1/stores", Map.of("name", "S"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").has("Idempotency-Key")).isTrue();
        assertThat(stores(org)).isZero();
    }

    private int conversations(Fixtures.Org org) {
        return count("conversations", org);
    }

    private int stores(Fixtures.Org org) {
        return count("stores", org);
    }

    private int count(String table, Fixtures.Org org) {
        return platform.jdbc()
                .sql("SELECT count(*) FROM " + table + " WHERE organization_id = :org")
                .param("org", org.organization().id().value())
                .query(Integer.class)
                .single();
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
