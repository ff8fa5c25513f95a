package io.supportagent.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.MeteringIntegrationTest;
import io.supportagent.support.Pages;
import io.supportagent.tenancy.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET /v1/webhook-endpoints} pages newest first with a cursor, within the key's organization and mode. */
@MeteringIntegrationTest
class WebhookControllerTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    /** Creates {@code count} endpoints one after the other; answers their ids newest first. */
    List<String> endpoints(Http api, String name, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var created =
                    api.post("/v1/webhook-endpoints", Map.of("url", "https://" + name + i + ".example.com/hooks"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            ids.addFirst(created.json().get("id").asString());
        }
        return ids;
    }

    @Test
    void walksTheEndpointsNewestFirstPageByPage() {
        var org = fixtures.organization(Tier.PRO);
        Http api = Http.on(port).bearer(org.liveKey());
        List<String> newestFirst = endpoints(api, "live", 5);

        for (int limit : new int[] {1, 2, 5, 100}) {
            assertThat(Pages.values(Pages.walk(api, "/v1/webhook-endpoints", limit, "id"), "id"))
                    .as("limit " + limit)
                    .containsExactlyElementsOf(newestFirst);
        }
        var first = api.get("/v1/webhook-endpoints?limit=2").json();
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(first.get("url").asString()).isEqualTo("/v1/webhook-endpoints");
        assertThat(first.get("data").get(0).has("secret")).isFalse();
        var last = api.get("/v1/webhook-endpoints?limit=2&starting_after=" + newestFirst.get(2))
                .json();
        assertThat(last.get("data").findValuesAsString("id")).containsExactly(newestFirst.get(3), newestFirst.get(4));
        assertThat(last.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void refusesALimitOutOfRangeAndACursorThatIsNoId() {
        Http api = Http.on(port).bearer(fixtures.organization(Tier.PRO).liveKey());

        for (String limit : List.of("0", "101", "lots")) {
            var response = api.get("/v1/webhook-endpoints?limit=" + limit);
            assertThat(response.status()).as(limit).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("errors").has("limit")).isTrue();
        }
        var cursor = api.get("/v1/webhook-endpoints?starting_after=whep_1");
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.json().get("errors").has("starting_after")).isTrue();
    }

    @Test
    void anotherOrganizationsOrModesEndpointsNeitherShowNorServeAsACursor() {
        var a = fixtures.organization(Tier.PRO);
        var b = fixtures.organization(Tier.PRO);
        Http asA = Http.on(port).bearer(a.liveKey());
        List<String> aLive = endpoints(asA, "a", 3);
        List<String> aTest = endpoints(Http.on(port).bearer(a.testKey()), "a-test", 2);
        List<String> bLive = endpoints(Http.on(port).bearer(b.liveKey()), "b", 3);

        assertThat(Pages.values(Pages.walk(asA, "/v1/webhook-endpoints", 1, "id"), "id"))
                .containsExactlyElementsOf(aLive);
        assertThat(Pages.values(Pages.walk(Http.on(port).bearer(a.testKey()), "/v1/webhook-endpoints", 1, "id"), "id"))
                .containsExactlyElementsOf(aTest);
        // another organization's endpoint, or the other mode's, is an unknown cursor: an empty page
        for (String foreign : List.of(
                bLive.get(0), bLive.get(2), aTest.get(0), UUID.randomUUID().toString())) {
            var page = asA.get("/v1/webhook-endpoints?limit=1&starting_after=" + foreign);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().get("data")).as(foreign).isEmpty();
            assertThat(page.json().get("has_more").asBoolean()).isFalse();
        }
    }
}
