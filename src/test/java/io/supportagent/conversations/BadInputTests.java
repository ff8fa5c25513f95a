package io.supportagent.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.OperatorToken;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.ApiFixtures;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.tenancy.Tier;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input of every kind on every POST and PATCH of the organization API (and the operator's publish): each answers
 * 4xx problem+json with a stable code (and the offending field where there is one), and the database is unchanged.
 */
@IntegrationTest
@Import({Fixtures.class, ApiFixtures.class})
class BadInputTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiFixtures api;

    @Autowired
    PlatformJdbc platform;

    @Autowired
    OperatorToken operator;

    Fixtures.Org org;
    ApiFixtures.Deployed deployed;
    String conversation;

    /** One endpoint taking a body: a valid body, and the text field the checks vary. */
    record Endpoint(
            String method, String path, String token, Map<String, Object> valid, String textField, boolean creates) {}

    @BeforeEach
    void organization() {
        org = fixtures.organization(Tier.ENTERPRISE);
        deployed = api.deploy(org);
        conversation = Http.on(port)
                .bearer(org.liveKey())
                .post(
                        "/v1/conversations",
                        Map.of("agent_instance_id", deployed.instance().id().toString()))
                .json()
                .get("id")
                .asString();
        countsBefore = counts();
    }

    List<Endpoint> endpoints() {
        String store = deployed.store().id().toString();
        String instance = deployed.instance().id().toString();
        String definition = api.definition().id().toString();
        return List.of(
                new Endpoint(
                        "POST",
                        "/v1/stores",
                        org.liveKey(),
                        Map.of("name", "Shop", "domain", "a.example"),
                        "name",
                        true),
                new Endpoint("PATCH", "/v1/stores/" + store, org.liveKey(), Map.of("name", "Shop"), "name", false),
                new Endpoint(
                        "POST",
                        "/v1/agent-instances",
                        org.liveKey(),
                        Map.of("store_id", store, "agent_definition_id", definition, "name", "Bot"),
                        "name",
                        true),
                new Endpoint(
                        "PATCH",
                        "/v1/agent-instances/" + instance,
                        org.liveKey(),
                        Map.of("name", "Bot"),
                        "name",
                        false),
                new Endpoint(
                        "POST",
                        "/v1/conversations",
                        org.liveKey(),
                        Map.of("agent_instance_id", instance, "customer_name", "Ada"),
                        "customer_name",
                        true),
                new Endpoint(
                        "POST",
                        "/platform/v1/agent-definitions",
                        operator.reveal(),
                        Map.of(
                                "type", "bad_input_test",
                                "version", "1.0.0",
                                "name", "Bad input",
                                "system_prompt", "Prompt",
                                "tools", List.of()),
                        "name",
                        true));
    }

    @Test
    void malformedJsonIsRefused() {
        for (Endpoint e : endpoints()) {
            expect(e, sendText(e, "{\"name\": \"x\"", "application/json"), 400, "malformed_request", null);
            expect(e, sendText(e, "[1, 2]", "application/json"), 400, null, null);
            expect(e, sendText(e, "", "application/json"), 400, "malformed_request", null);
        }
    }

    @Test
    void wrongTypesAreRefusedNamingTheField() {
        for (Endpoint e : endpoints()) {
            expect(e, send(e, with(e.valid(), e.textField(), 12345)), 400, "validation_failed", e.textField());
            expect(e, send(e, with(e.valid(), e.textField(), List.of("a"))), 400, "validation_failed", e.textField());
            expect(e, send(e, with(e.valid(), e.textField(), Map.of("a", 1))), 400, "validation_failed", e.textField());
        }
    }

    @Test
    void missingRequiredFieldsAreRefusedNamingThem() {
        for (Endpoint e : endpoints()) {
            if (e.creates()) {
                var response = send(e, Map.of());
                expect(e, response, 400, "validation_failed", null);
                assertThat(response.json().get("errors").size()).as(e.path()).isPositive();
            }
        }
        Endpoint stores = endpoints().get(0);
        expect(stores, send(stores, Map.of("domain", "a.example")), 400, "validation_failed", "name");
    }

    @Test
    void unknownFieldsAreRefusedNamingThem() {
        for (Endpoint e : endpoints()) {
            expect(e, send(e, with(e.valid(), "organization_id", "x")), 400, "validation_failed", "organization_id");
        }
    }

    @Test
    void oversizedBodiesAreRefusedWithDeclaredOrChunkedLengths() throws Exception {
        String big = "x".repeat(70 * 1024);
        for (Endpoint e : endpoints()) {
            var declared = send(e, with(e.valid(), e.textField(), big));
            expect(e, declared, 413, "payload_too_large", null);
            byte[] bytes = JSON.writeValueAsBytes(with(e.valid(), e.textField(), big));
            HttpRequest chunked = request(e, "application/json")
                    .method(e.method(), HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                    .build();
            expect(
                    e,
                    new Http.Response(CLIENT.send(chunked, HttpResponse.BodyHandlers.ofString())),
                    413,
                    "payload_too_large",
                    null);
        }
    }

    @Test
    void tooLongTextIsRefused() {
        for (Endpoint e : endpoints()) {
            expect(
                    e,
                    send(e, with(e.valid(), e.textField(), "n".repeat(201))),
                    400,
                    "validation_failed",
                    e.textField());
        }
    }

    @Test
    void nulCharactersAndLoneSurrogatesAreRefused() {
        for (Endpoint e : endpoints()) {
            for (String escaped : List.of("a\\u0000b", "a\\ud800b", "\\udc00", "\\ud800\\ud800")) {
                String body = JSON.writeValueAsString(with(e.valid(), e.textField(), "PLACEHOLDER"))
                        .replace("PLACEHOLDER", escaped);
                expect(e, sendText(e, body, "application/json"), 400, "validation_failed", e.textField());
            }
        }
    }

    @Test
    void invalidUtf8IsRefused() throws Exception {
        for (Endpoint e : endpoints()) {
            byte[] good = JSON.writeValueAsBytes(with(e.valid(), e.textField(), "PLACEHOLDER"));
            String text = new String(good, StandardCharsets.UTF_8);
            int at = text.indexOf("PLACEHOLDER");
            byte[] bad = new byte[good.length];
            System.arraycopy(good, 0, bad, 0, good.length);
            bad[at] = (byte) 0xC3; // a lead byte followed by ASCII: not UTF-8
            bad[at + 1] = (byte) 0x28;
            HttpRequest request = request(e, "application/json")
                    .method(e.method(), HttpRequest.BodyPublishers.ofByteArray(bad))
                    .build();
            expect(e, new Http.Response(CLIENT.send(request, HttpResponse.BodyHandlers.ofString())), 400, null, null);
        }
    }

    @Test
    void otherMediaTypesAreRefused() {
        for (Endpoint e : endpoints()) {
            expect(e, sendText(e, "name=x", "text/plain"), 415, "unsupported_media_type", null);
        }
    }

    @Test
    void badEmailsAndFieldValuesNameTheField() {
        Http http = Http.on(port).bearer(org.liveKey());
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("agent_instance_id", deployed.instance().id().toString());
        start.put("customer_email", "not an email");
        assertField(http.post("/v1/conversations", start), "customer_email");
        assertField(
                http.post(
                        "/v1/stores", Map.of("name", "S", "allowed_origins", List.of("https://ok.example", "ftp://x"))),
                "allowed_origins[1]");
        assertField(
                http.post("/v1/stores", Map.of("name", "S", "allowed_origins", List.of("https://x.example/path"))),
                "allowed_origins[0]");
        assertField(http.post("/v1/stores", Map.of("name", "S", "domain", "not a domain")), "domain");
        assertField(http.post("/v1/stores", Map.of("name", "   ")), "name");
        assertField(
                http.patch("/v1/agent-instances/" + deployed.instance().id(), Map.of("status", "deleted")), "status");
        assertField(
                http.patch("/v1/agent-instances/" + deployed.instance().id(), Map.of("config", List.of(1))), "config");
        assertField(
                http.patch(
                        "/v1/agent-instances/" + deployed.instance().id(),
                        Map.of("config", Map.of("greeting", "a\u0000b"))),
                "config");
        Http operatorHttp = Http.on(port).bearer(operator.reveal());
        Map<String, Object> definition = new LinkedHashMap<>(endpoints().get(5).valid());
        definition.put("version", "1.0");
        assertField(operatorHttp.post("/platform/v1/agent-definitions", definition), "version");
        definition.put("version", "1.0.0");
        definition.put("tools", List.of("rm_rf"));
        assertField(operatorHttp.post("/platform/v1/agent-definitions", definition), "tools[0]");
        definition.put("tools", List.of());
        definition.put("default_config", "text");
        assertField(operatorHttp.post("/platform/v1/agent-definitions", definition), "default_config");
    }

    @Test
    void sqlMetacharactersAreStoredVerbatim() {
        Http http = Http.on(port).bearer(org.liveKey());
        String name = "Robert'); DROP TABLE stores;-- \\ % _ \" ; /* */ ' OR '1'='1 ✓ 🙂";
        var created = http.post("/v1/stores", Map.of("name", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(http.get("/v1/stores/" + id).json().get("name").asString()).isEqualTo(name);
        String stored = platform.jdbc()
                .sql("SELECT name FROM stores WHERE id = CAST(:id AS uuid)")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(stored).isEqualTo(name);
    }

    @Test
    void pathIdsThatAreNoIdsAnswerNotFound() {
        Http http = Http.on(port).bearer(org.liveKey());
        for (String path : List.of(
                "/v1/stores/not-a-uuid",
                "/v1/stores/1%27%20OR%201=1",
                "/v1/agent-instances/123",
                "/v1/conversations/00000000-0000-0000-0000-00000000000g")) {
            var response = http.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.json().get("code").asString()).isEqualTo("not_found");
        }
        assertThat(http.post("/v1/conversations/zzz/resolve", null).status()).isEqualTo(404);
        assertThat(http.get("/v1/stores?starting_after=nope").status()).isEqualTo(400);
    }

    @Test
    void wrongMethodsAndUnacceptableFormatsAnswerProblems() {
        Http http = Http.on(port).bearer(org.liveKey());
        var wrongMethod = http.delete("/v1/conversations");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("code").asString()).isEqualTo("method_not_allowed");
        var xml = http.header("Accept", "application/xml").get("/v1/stores");
        assertThat(xml.status()).isEqualTo(406);
        var unknown = http.get("/v1/nothing-here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    private void assertField(Http.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("errors").has(field))
                .as(response.toString())
                .isTrue();
        assertThat(counts()).isEqualTo(countsBefore);
    }

    List<Integer> countsBefore;

    /** Rows of the organization (and all definitions) that any of these requests could have written. */
    List<Integer> counts() {
        List<Integer> counts = new ArrayList<>();
        for (String table : List.of("stores", "agent_instances", "conversations", "messages")) {
            counts.add(platform.jdbc()
                    .sql("SELECT count(*) FROM " + table + " WHERE organization_id = :org")
                    .param("org", org.organization().id().value())
                    .query(Integer.class)
                    .single());
        }
        counts.add(platform.jdbc()
                .sql("SELECT count(*) FROM agent_definitions")
                .query(Integer.class)
                .single());
        counts.add(platform.jdbc()
                .sql("SELECT count(*) FROM stores WHERE organization_id = :org AND updated_at > created_at")
                .param("org", org.organization().id().value())
                .query(Integer.class)
                .single());
        return counts;
    }

    private void expect(Endpoint e, Http.Response response, int status, String code, String field) {
        String where = e.method() + " " + e.path() + ": " + response;
        assertThat(response.status()).as(where).isEqualTo(status);
        assertThat(response.contentType()).as(where).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("code")).as(where).isNotNull();
        if (code != null) {
            assertThat(body.get("code").asString()).as(where).isEqualTo(code);
        }
        if (field != null) {
            assertThat(body.get("errors").has(field)).as(where).isTrue();
        }
        assertThat(counts()).as("database unchanged after " + where).isEqualTo(countsBefore);
    }

    private HttpRequest.Builder request(Endpoint e, String contentType) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + e.path()))
                .header("Authorization", "Bearer " + e.token())
                .header("Content-Type", contentType);
    }

    private Http.Response send(Endpoint e, Object body) {
        return sendText(e, JSON.writeValueAsString(body), "application/json");
    }

    private Http.Response sendText(Endpoint e, String body, String contentType) {
        try {
            HttpRequest request = request(e, contentType)
                    .method(e.method(), HttpRequest.BodyPublishers.ofString(body))
                    .build();
            return new Http.Response(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Map<String, Object> with(Map<String, Object> base, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        copy.put(field, value);
        return copy;
    }
}
