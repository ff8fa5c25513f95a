package io.supportagent.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.agents.AgentInstance;
import io.supportagent.agents.AgentService;
import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.TenantContext;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.tenancy.OrganizationChanges;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/** Every way a presented key can fail, over real HTTP through the real filters. */
@IntegrationTest
@Import(Fixtures.class)
class SecretKeyAuthenticatorTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    TenancyService tenancy;

    @Autowired
    AgentService agents;

    @Test
    void refusesAMissingHeader() {
        assertRefused(Http.on(port).get("/v1/organization"), 401, "missing_api_key");
        assertRefused(Http.on(port).header("Authorization", "").get("/v1/organization"), 401, "missing_api_key");
    }

    @Test
    void refusesAnotherScheme() {
        var org = fixtures.organization(Tier.BASIC);
        var response =
                Http.on(port).header("Authorization", "Basic " + org.liveKey()).get("/v1/organization");

        assertRefused(response, 401, "invalid_authorization_header");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void refusesWrongPrefixesGarbageAndBadChecksumsAlike() {
        var org = fixtures.organization(Tier.BASIC);
        String key = org.liveKey();
        String badChecksum = key.substring(0, key.length() - 6) + "AAAAAA";
        for (String presented : List.of(
                "rk_live_" + key.substring(8), "sk_prod_" + key.substring(8), "garbage", badChecksum, key + "x")) {
            assertRefused(Http.on(port).bearer(presented).get("/v1/organization"), 401, "invalid_api_key");
        }
    }

    @Test
    void answersUnknownLookupIdsExactlyLikeWrongSecrets() {
        var org = fixtures.organization(Tier.BASIC);
        String unknown = KeyFormat.generate(KeyFormat.Type.LIVE_SECRET);
        String wrongSecret = withOtherSecret(org.liveKey());

        var a = Http.on(port).bearer(unknown).get("/v1/organization");
        var b = Http.on(port).bearer(wrongSecret).get("/v1/organization");

        assertRefused(a, 401, "invalid_api_key");
        assertRefused(b, 401, "invalid_api_key");
        assertThat(withoutRequestId(a.body())).isEqualTo(withoutRequestId(b.body()));
        assertThat(a.header("WWW-Authenticate")).isEqualTo(b.header("WWW-Authenticate"));
    }

    @Test
    void holdsAnswersToWrongKeysBackSoGuessingIsSlow() {
        long started = System.nanoTime();
        var response = Http.on(port)
                .bearer(KeyFormat.generate(KeyFormat.Type.TEST_SECRET))
                .get("/v1/organization");

        assertRefused(response, 401, "invalid_api_key");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(200));
    }

    @Test
    void refusesARevokedKey() {
        var org = fixtures.organization(Tier.BASIC);
        var created = Http.on(port).bearer(org.liveKey()).post("/v1/api-keys", Map.of("name", "to revoke"));
        Http.on(port)
                .bearer(org.liveKey())
                .delete("/v1/api-keys/" + created.json().get("id").asString());

        assertRefused(
                Http.on(port).bearer(created.json().get("secret").asString()).get("/v1/organization"),
                401,
                "api_key_revoked");
    }

    @Test
    void refusesAnExpiredKey() {
        var org = fixtures.organization(Tier.BASIC);
        var created = Http.on(port).bearer(org.liveKey()).post("/v1/api-keys", Map.of("name", "to expire"));
        Http.on(port)
                .bearer(org.liveKey())
                .post("/v1/api-keys/" + created.json().get("id").asString() + "/roll", Map.of("expires_in_seconds", 0));

        assertRefused(
                Http.on(port).bearer(created.json().get("secret").asString()).get("/v1/organization"),
                401,
                "api_key_expired");
    }

    @Test
    void refusesAWidgetKeyOnTheOrganizationApi() {
        var org = fixtures.organization(Tier.PRO);
        AgentInstance instance = widget(org);

        assertRefused(Http.on(port).bearer(instance.publicKey()).get("/v1/organization"), 403, "secret_key_required");
    }

    @Test
    void refusesASecretKeyOnTheWidgetApi() {
        var org = fixtures.organization(Tier.PRO);

        var response = Http.on(port).header("X-Widget-Key", org.liveKey()).get("/widget/v1/config");

        assertRefused(response, 403, "widget_key_required");
        assertRefused(Http.on(port).get("/widget/v1/config"), 401, "missing_widget_key");
        assertRefused(
                Http.on(port)
                        .header("X-Widget-Key", KeyFormat.generate(KeyFormat.Type.WIDGET))
                        .get("/widget/v1/config"),
                401,
                "invalid_widget_key");
    }

    @Test
    void refusesASuspendedOrganizationOnBothApisAndLetsItBackWhenReactivated() {
        var org = fixtures.organization(Tier.BASIC);
        var http = Http.on(port).bearer(org.liveKey());
        var shopper =
                Http.on(port).header("X-Widget-Key", widget(org).publicKey()).header("Origin", "https://shop.example");
        assertThat(http.get("/v1/organization").status()).isEqualTo(200);
        assertThat(shopper.get("/widget/v1/config").status()).isEqualTo(200);

        tenancy.updateOrganization(org.organization().id(), changes("suspended"));
        assertRefused(http.get("/v1/organization"), 403, "organization_suspended");
        assertRefused(Http.on(port).bearer(org.testKey()).get("/v1/api-keys"), 403, "organization_suspended");
        assertRefused(shopper.get("/widget/v1/config"), 403, "organization_suspended");

        tenancy.updateOrganization(org.organization().id(), changes("active"));
        assertThat(http.get("/v1/organization").status()).isEqualTo(200);
        assertThat(shopper.get("/widget/v1/config").status()).isEqualTo(200);
    }

    @Test
    void aTestKeyWorksInTestMode() {
        var org = fixtures.organization(Tier.BASIC);

        var created = Http.on(port).bearer(org.testKey()).post("/v1/api-keys", Map.of("name", "mode probe"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("livemode").asBoolean()).isFalse();
        assertThat(Http.on(port).bearer(org.testKey()).get("/v1/organization").status())
                .isEqualTo(200);
    }

    @Test
    void tellsTheOrganizationOfAnyKeyTypeFromItsRow() {
        var org = fixtures.organization(Tier.PRO);
        AgentInstance instance = widget(org);

        assertThat(keys.organizationOf(org.liveKey()))
                .contains(org.organization().id());
        assertThat(keys.organizationOf(org.testKey()))
                .contains(org.organization().id());
        assertThat(keys.organizationOf(instance.publicKey()))
                .contains(org.organization().id());
        assertThat(keys.organizationOf(KeyFormat.generate(KeyFormat.Type.WIDGET)))
                .isEmpty();
        assertThat(keys.organizationOf("nonsense")).isEmpty();
    }

    @Autowired
    ApiKeyService keys;

    private AgentInstance widget(Fixtures.Org org) {
        var definition = agents.customerServiceV1();
        return TenantContext.callAs(org.live(), () -> {
            var store = tenancy.createStore("Shop", "shop.example", List.of("https://shop.example"));
            return agents.deploy(store.id(), definition.id(), "Helper", "{}");
        });
    }

    private static OrganizationChanges changes(String status) {
        return new OrganizationChanges(null, null, status, null, false, null, false, null);
    }

    static String withOtherSecret(String key) {
        String prefix = key.substring(0, key.indexOf('_', 3) + 1);
        String lookup = key.substring(prefix.length(), prefix.length() + 12);
        String body =
                prefix + lookup + KeyFormat.generate(KeyFormat.Type.LIVE_SECRET).substring(20, 52);
        return body + checksum(body);
    }

    static String checksum(String body) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        long value = crc.getValue();
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        char[] out = new char[6];
        for (int i = 5; i >= 0; i--) {
            out[i] = alphabet.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }

    private static String withoutRequestId(String body) {
        return body.replaceAll("\"request_id\":\"[^\"]*\"", "");
    }

    private static void assertRefused(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo(code);
        assertThat(response.json().has("id")).isFalse();
        assertThat(response.json().has("data")).isFalse();
        assertThat(response.body())
                .doesNotContain("organization_id")
                .doesNotContainPattern("(sk_live|sk_test|pk_widget)_[0-9A-Za-z]{12}");
    }
}
