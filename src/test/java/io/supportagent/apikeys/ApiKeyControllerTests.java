package io.supportagent.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.tenancy.Tier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

@IntegrationTest
@Import(Fixtures.class)
class ApiKeyControllerTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Test
    void createsAKeyShownOnceThatWorksAtOnce() {
        var org = fixtures.organization(Tier.PRO);
        var created = Http.on(port).bearer(org.liveKey()).post("/v1/api-keys", Map.of("name", "CI deploys"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode key = created.json();
        String secret = key.get("secret").asString();
        assertThat(secret).startsWith("sk_live_");
        assertThat(key.get("mode").asString()).isEqualTo("live");
        assertThat(key.get("livemode").asBoolean()).isTrue();
        assertThat(key.get("status").asString()).isEqualTo("active");
        assertThat(key.has("key_hash")).isFalse();
        assertThat(secret)
                .startsWith(key.get("prefix").asString())
                .endsWith(key.get("last_four").asString());

        var organization = Http.on(port).bearer(secret).get("/v1/organization");
        assertThat(organization.status()).isEqualTo(200);
        assertThat(organization.json().get("id").asString())
                .isEqualTo(org.organization().id().toString());

        var fetched = Http.on(port)
                .bearer(org.liveKey())
                .get("/v1/api-keys/" + key.get("id").asString());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().has("secret")).isFalse();
    }

    @Test
    void listsKeysWithPrefixAndLastFourOnlyNeverTheSecretOrHash() {
        var org = fixtures.organization(Tier.PRO);
        var list = Http.on(port).bearer(org.liveKey()).get("/v1/api-keys");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("object").asString()).isEqualTo("list");
        assertThat(list.json().get("data")).hasSize(2);
        assertThat(list.body())
                .doesNotContain(org.liveKey())
                .doesNotContain(org.testKey())
                .doesNotContain("$2a$")
                .doesNotContain("secret")
                .doesNotContain("hash");
        for (JsonNode key : list.json().get("data")) {
            assertThat(key.get("prefix").asString()).matches("sk_(live|test)_[0-9A-Za-z]{12}");
            assertThat(key.get("last_four").asString()).hasSize(4);
        }
    }

    @Test
    void paginatesKeysWithACursor() {
        var org = fixtures.organization(Tier.PRO);
        var http = Http.on(port).bearer(org.liveKey());
        http.post("/v1/api-keys", Map.of("name", "third"));

        var first = http.get("/v1/api-keys?limit=2");
        assertThat(first.json().get("data")).hasSize(2);
        assertThat(first.json().get("has_more").asBoolean()).isTrue();
        String last = first.json().get("data").get(1).get("id").asString();
        var second = http.get("/v1/api-keys?limit=2&starting_after=" + last);
        assertThat(second.json().get("data")).hasSize(1);
        assertThat(second.json().get("has_more").asBoolean()).isFalse();

        assertThat(http.get("/v1/api-keys?limit=0").status()).isEqualTo(400);
        assertThat(http.get("/v1/api-keys?limit=101").status()).isEqualTo(400);
    }

    @Test
    void aTestKeyCreatesTestKeysByDefaultAndNeverLiveKeys() {
        var org = fixtures.organization(Tier.PRO);
        var test = Http.on(port).bearer(org.testKey());

        var created = test.post("/v1/api-keys", Map.of("name", "sandbox"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("secret").asString()).startsWith("sk_test_");
        assertThat(created.json().get("livemode").asBoolean()).isFalse();

        var live = test.post("/v1/api-keys", Map.of("name", "sneaky", "mode", "live"));
        assertThat(live.status()).isEqualTo(403);
        assertThat(live.contentType()).startsWith("application/problem+json");
        assertThat(live.json().get("code").asString()).isEqualTo("live_mode_required");
        assertThat(live.body()).doesNotContain("sk_live_");
    }

    @Test
    void aLiveKeyMayCreateTestKeys() {
        var org = fixtures.organization(Tier.PRO);
        var created =
                Http.on(port).bearer(org.liveKey()).post("/v1/api-keys", Map.of("name", "staging", "mode", "test"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("secret").asString()).startsWith("sk_test_");
    }

    @Test
    void aTestKeySeesOnlyTestKeysAndCannotTouchLiveOnes() {
        var org = fixtures.organization(Tier.PRO);
        String liveId = idOfKeyWithMode(Http.on(port).bearer(org.liveKey()), "live");
        var test = Http.on(port).bearer(org.testKey());

        var list = test.get("/v1/api-keys");
        assertThat(list.json().get("data"))
                .allSatisfy(k -> assertThat(k.get("mode").asString()).isEqualTo("test"));
        assertThat(test.get("/v1/api-keys/" + liveId).status()).isEqualTo(404);
        assertThat(test.delete("/v1/api-keys/" + liveId).status()).isEqualTo(404);
        assertThat(test.post("/v1/api-keys/" + liveId + "/roll", Map.of()).status())
                .isEqualTo(404);
        assertThat(Http.on(port).bearer(org.liveKey()).get("/v1/organization").status())
                .isEqualTo(200);
    }

    @Test
    void revokedKeyFailsOnTheVeryNextRequest() {
        var org = fixtures.organization(Tier.PRO);
        var created = Http.on(port).bearer(org.liveKey()).post("/v1/api-keys", Map.of("name", "temp"));
        String secret = created.json().get("secret").asString();
        var victim = Http.on(port).bearer(secret);
        assertThat(victim.get("/v1/organization").status()).isEqualTo(200); // now cached

        var revoked = Http.on(port)
                .bearer(org.liveKey())
                .delete("/v1/api-keys/" + created.json().get("id").asString());
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("status").asString()).isEqualTo("revoked");

        var refused = victim.get("/v1/organization");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asString()).isEqualTo("api_key_revoked");
        assertThat(refused.body()).doesNotContain(org.organization().id().toString());
    }

    @Test
    void rollingKeepsTheOldKeyWorkingUntilItsNewExpiry() {
        var org = fixtures.organization(Tier.PRO);
        var admin = Http.on(port).bearer(org.liveKey());
        var created = admin.post("/v1/api-keys", Map.of("name", "rolling"));
        String oldSecret = created.json().get("secret").asString();
        String oldId = created.json().get("id").asString();
        assertThat(Http.on(port).bearer(oldSecret).get("/v1/organization").status())
                .isEqualTo(200);

        var rolled = admin.post("/v1/api-keys/" + oldId + "/roll", Map.of("expires_in_seconds", 3600));
        assertThat(rolled.status()).isEqualTo(201);
        assertThat(rolled.json().get("name").asString()).isEqualTo("rolling");
        assertThat(rolled.json().get("rolled_from").asString()).isEqualTo(oldId);
        assertThat(rolled.json().get("previous").get("expires_at").isNull()).isFalse();
        String newSecret = rolled.json().get("secret").asString();
        assertThat(newSecret).startsWith("sk_live_").isNotEqualTo(oldSecret);

        assertThat(Http.on(port).bearer(newSecret).get("/v1/organization").status())
                .isEqualTo(200);
        assertThat(Http.on(port).bearer(oldSecret).get("/v1/organization").status())
                .isEqualTo(200);
    }

    @Test
    void rollingWithZeroOverlapEndsTheOldKeyNow() {
        var org = fixtures.organization(Tier.PRO);
        var admin = Http.on(port).bearer(org.liveKey());
        var created = admin.post("/v1/api-keys", Map.of("name", "now"));
        String oldSecret = created.json().get("secret").asString();
        assertThat(Http.on(port).bearer(oldSecret).get("/v1/organization").status())
                .isEqualTo(200);

        var rolled = admin.post(
                "/v1/api-keys/" + created.json().get("id").asString() + "/roll", Map.of("expires_in_seconds", 0));
        assertThat(rolled.status()).isEqualTo(201);

        var refused = Http.on(port).bearer(oldSecret).get("/v1/organization");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asString()).isEqualTo("api_key_expired");
        assertThat(Http.on(port)
                        .bearer(rolled.json().get("secret").asString())
                        .get("/v1/organization")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void rollDefaultsToADayOfOverlap() {
        var org = fixtures.organization(Tier.PRO);
        var admin = Http.on(port).bearer(org.liveKey());
        String id = admin.post("/v1/api-keys", Map.of("name", "day"))
                .json()
                .get("id")
                .asString();

        var rolled = admin.send("POST", "/v1/api-keys/" + id + "/roll", null);

        assertThat(rolled.status()).isEqualTo(201);
        var expires = java.time.Instant.parse(
                rolled.json().get("previous").get("expires_at").asString());
        assertThat(expires)
                .isBetween(
                        java.time.Instant.now().plus(Duration.ofHours(23)),
                        java.time.Instant.now().plus(Duration.ofHours(25)));
    }

    @Test
    void rejectsInvalidBodiesWithFieldNames() {
        var org = fixtures.organization(Tier.PRO);
        var admin = Http.on(port).bearer(org.liveKey());

        var blank = admin.post("/v1/api-keys", Map.of("name", " "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("errors").has("name")).isTrue();
        var mode = admin.post("/v1/api-keys", Map.of("name", "x", "mode", "prod"));
        assertThat(mode.status()).isEqualTo(400);
        assertThat(mode.json().get("errors").has("mode")).isTrue();
        String id = idOfKeyWithMode(admin, "test");
        var negative = admin.post("/v1/api-keys/" + id + "/roll", Map.of("expires_in_seconds", -1));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().get("errors").has("expires_in_seconds")).isTrue();
        assertThat(admin.delete("/v1/api-keys/not-an-id").status()).isEqualTo(404);
    }

    @Test
    void anOrganizationNeverReachesAnotherOrganizationsKeys() {
        var a = fixtures.organization(Tier.PRO);
        var b = fixtures.organization(Tier.PRO);
        var asA = Http.on(port).bearer(a.liveKey());
        String bKey = idOfKeyWithMode(Http.on(port).bearer(b.liveKey()), "live");

        assertThat(asA.get("/v1/api-keys/" + bKey).status()).isEqualTo(404);
        var revoke = asA.delete("/v1/api-keys/" + bKey);
        assertThat(revoke.status()).isEqualTo(404);
        assertThat(revoke.json().get("code").asString()).isEqualTo("not_found");
        assertThat(asA.post("/v1/api-keys/" + bKey + "/roll", Map.of()).status())
                .isEqualTo(404);
        List<String> listed = new ArrayList<>();
        asA.get("/v1/api-keys?limit=100")
                .json()
                .get("data")
                .forEach(k -> listed.add(k.get("id").asString()));
        assertThat(listed).doesNotContain(bKey);
        assertThat(asA.get("/v1/api-keys?starting_after=" + bKey).json().get("data"))
                .isEmpty();

        // B's key still works: nothing happened to it.
        assertThat(Http.on(port).bearer(b.liveKey()).get("/v1/organization").status())
                .isEqualTo(200);
    }

    @Test
    void recordsTheLastUseOffTheRequestPath() {
        var org = fixtures.organization(Tier.PRO);
        var admin = Http.on(port).bearer(org.liveKey());
        admin.get("/v1/organization");

        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var live = admin.get("/v1/api-keys").json().get("data");
            boolean used = false;
            for (JsonNode k : live) {
                if (k.get("mode").asString().equals("live") && k.has("last_used_at")) {
                    used = true;
                }
            }
            assertThat(used).isTrue();
        });
    }

    private static String idOfKeyWithMode(Http http, String mode) {
        for (JsonNode key : http.get("/v1/api-keys").json().get("data")) {
            if (key.get("mode").asString().equals(mode)) {
                return key.get("id").asString();
            }
        }
        throw new AssertionError("no " + mode + " key");
    }
}
