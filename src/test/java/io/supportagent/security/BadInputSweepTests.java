package io.supportagent.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.OperatorToken;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.AgentFixtures;
import io.supportagent.support.ApiSweep;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.OpenApiConformance;
import io.supportagent.support.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input, generated from the served OpenAPI document, on every operation that takes a body or query parameters
 * (so an operation added later is swept too): each property of the body in turn given the wrong type, null, extreme
 * numbers, long and odd strings (NUL, lone surrogates), odd dates; malformed, mistyped and deeply nested bodies; odd
 * query values. Sent with the operation's own valid credential and real ids, so the input reaches the handler. Never
 * 5xx, and an answer that refuses the input has changed nothing in the database.
 */
@IntegrationTest
@Import(AgentFixtures.class)
class BadInputSweepTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @LocalServerPort
    int port;

    @Autowired
    AgentFixtures fixtures;

    @Autowired
    OperatorToken operatorToken;

    @Autowired
    PlatformJdbc platform;

    ApiSweep sweep;
    AgentFixtures.Shop shop;

    @BeforeEach
    void realObjects() {
        sweep = new ApiSweep(port, fixtures, operatorToken, platform);
        shop = sweep.shop();
    }

    record Probe(String method, String template, String path, String body, String why) {}

    @Test
    void noBadInputAnswers5xxOrChangesAnything() {
        JsonNode doc = Http.on(port).get("/v3/api-docs").json();
        List<Probe> probes = new ArrayList<>();
        for (var path : doc.get("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                if (method.equals("DELETE")) {
                    continue; // it would delete the fixtures the other probes need; it takes no body
                }
                String target = sweep.concrete(path.getKey());
                JsonNode op = operation.getValue();
                for (JsonNode parameter : op.path("parameters")) {
                    if ("query".equals(parameter.path("in").asString())) {
                        for (String value : BAD_QUERY_VALUES) {
                            probes.add(new Probe(
                                    method,
                                    path.getKey(),
                                    target + "?" + parameter.get("name").asString() + "=" + value,
                                    method.equals("GET") ? null : "{}",
                                    "query " + parameter.get("name").asString()));
                        }
                    }
                }
                JsonNode schema = ApiSweep.bodySchema(op);
                if (schema != null) {
                    ObjectNode valid = sweep.validBody(doc, schema);
                    for (String body : BAD_BODIES) {
                        probes.add(new Probe(method, path.getKey(), target, body, "whole body"));
                    }
                    for (var property :
                            ApiSweep.resolve(doc, schema).path("properties").properties()) {
                        for (JsonNode bad : badValues(property.getValue())) {
                            ObjectNode body = valid.deepCopy();
                            body.set(property.getKey(), bad);
                            probes.add(new Probe(
                                    method, path.getKey(), target, JSON.writeValueAsString(body), property.getKey()));
                        }
                    }
                }
            }
        }
        assertThat(probes).hasSizeGreaterThan(500);

        List<String> failures = new ArrayList<>();
        OpenApiConformance documented = new OpenApiConformance(doc);
        String before = sweep.fingerprint();
        for (Probe probe : probes) {
            var answer =
                    RawHttp.send(port, probe.method(), probe.path(), sweep.credentials(probe.path()), probe.body());
            String what = probe.method() + " " + ApiSweep.cut(probe.path()) + " (" + probe.why() + ": "
                    + ApiSweep.cut(probe.body()) + ")";
            if (answer.status() >= 500) {
                failures.add(answer.status() + " for " + what + " -> " + ApiSweep.cut(answer.text()));
            } else {
                // The refusal is one the document describes, so that a client generated from it can read it.
                documented
                        .check(
                                probe.method(),
                                probe.template(),
                                answer.status(),
                                answer.header("Content-Type"),
                                answer.body())
                        .forEach(f -> failures.add(f + " for " + what));
            }
            if (answer.status() >= 400 && answer.status() < 500) {
                String after = sweep.fingerprint();
                if (!after.equals(before)) {
                    failures.add("refused with " + answer.status() + " but changed the database: " + what);
                }
                before = after;
            } else {
                before = sweep.fingerprint(); // accepted: whatever it changed is the new normal
            }
        }
        assertThat(failures).as("answers to bad input").isEmpty();
    }

    /**
     * Every operation, sent as a client generated from the document would send it (its own credential, real ids, a
     * body with the required fields), and again without any credential: each answer is one the document describes
     * (status, content type, the body's schema). The widget's operations go first (rolling the instance's key ends
     * them) and deletions last; the event stream is left out (it does not end by itself).
     */
    @Test
    void everyOperationAnswersAsTheDocumentDescribes() {
        JsonNode doc = Http.on(port).get("/v3/api-docs").json();
        OpenApiConformance documented = new OpenApiConformance(doc);
        record Call(String method, String template) {}
        List<Call> calls = new ArrayList<>();
        for (var path : doc.get("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                if (!path.getKey().endsWith("/events")) {
                    calls.add(new Call(operation.getKey().toUpperCase(Locale.ROOT), path.getKey()));
                }
            }
        }
        calls.sort(java.util.Comparator.comparing((Call c) -> c.method().equals("DELETE"))
                .thenComparing(c -> !c.template().startsWith("/widget/")));
        assertThat(calls).hasSizeGreaterThan(50);

        List<String> failures = new ArrayList<>();
        int succeeded = 0;
        for (Call call : calls) {
            JsonNode schema = ApiSweep.bodySchema(
                    doc.get("paths").get(call.template()).get(call.method().toLowerCase(Locale.ROOT)));
            String body = schema == null ? null : JSON.writeValueAsString(sweep.validBody(doc, schema));
            String target = sweep.concrete(call.template());
            var answer = RawHttp.send(port, call.method(), target, sweep.credentials(target), body);
            succeeded += answer.status() < 300 ? 1 : 0;
            failures.addAll(documented.check(
                    call.method(), call.template(), answer.status(), answer.header("Content-Type"), answer.body()));
            boolean secured = !doc.get("paths")
                    .get(call.template())
                    .get(call.method().toLowerCase(Locale.ROOT))
                    .path("security")
                    .isEmpty();
            if (secured) {
                var anonymous = RawHttp.send(port, call.method(), target, Map.of(), body);
                if (anonymous.status() != 401) {
                    failures.add(call.method() + " " + target + " without a credential: " + anonymous.status());
                }
                failures.addAll(documented.check(
                        call.method(),
                        call.template(),
                        anonymous.status(),
                        anonymous.header("Content-Type"),
                        anonymous.body()));
            }
        }
        assertThat(failures).as("answers the document does not describe").isEmpty();
        assertThat(succeeded)
                .as("operations that succeeded, so that their success answers were checked")
                .isGreaterThan(40);
    }

    @Test
    void aMomentOutsideTheYearsOneTo9999IsRefusedNamingTheField() {
        var answer = Http.on(port)
                .bearer(shop.org().liveKey())
                .put(
                        "/v1/stores/" + shop.store().id() + "/orders/A1",
                        Map.of(
                                "customer_email", "a@example.com",
                                "status", "shipped",
                                "updated_at", "+300000000-01-01T00:00:00Z"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(answer.json().get("errors").get("updated_at").asString())
                .isEqualTo("must be in the years 1 to 9999");
    }

    static final List<String> BAD_QUERY_VALUES = List.of(
            "",
            "-1",
            "0",
            "99999999999999999999",
            "1e309",
            "abc",
            "%20",
            "2026-99",
            "%2B300000000-01-01T00:00:00Z",
            "-0001-01-01T00:00:00Z",
            "x".repeat(3000),
            "%F0%9F%98%80",
            "null",
            "%5B%5D");

    static final List<String> BAD_BODIES = List.of(
            "{",
            "[]",
            "\"text\"",
            "null",
            "42",
            "{\"a\":1,\"a\":2}",
            "{\"\\u0000\":1}",
            "{\"x\":\"\\ud800\"}",
            "{".repeat(5000) + "}".repeat(5000),
            "[".repeat(5000) + "]".repeat(5000),
            "{\"n\":" + "9".repeat(5000) + "}");

    private List<JsonNode> badValues(JsonNode property) {
        List<JsonNode> values = new ArrayList<>(List.of(
                NODES.nullNode(),
                NODES.stringNode(""),
                NODES.stringNode("   "),
                NODES.stringNode("x".repeat(100_000)),
                NODES.stringNode("a\u0000b"),
                NODES.stringNode("\ud800"),
                NODES.stringNode("+300000000-01-01T00:00:00Z"),
                NODES.stringNode("0000-00-00T00:00:00Z"),
                NODES.stringNode("-0001-01-01T00:00:00Z"),
                NODES.stringNode("9999-12-31T23:59:59Z"),
                NODES.stringNode("2026-13-45"),
                NODES.numberNode(-1),
                NODES.numberNode(0),
                NODES.numberNode(Long.MAX_VALUE),
                NODES.numberNode(new java.math.BigInteger("99999999999999999999999999")),
                NODES.numberNode(1e308),
                NODES.numberNode(-1e308),
                NODES.numberNode(0.5),
                NODES.booleanNode(true),
                NODES.objectNode().put("a", 1),
                NODES.arrayNode().add(1).add("x").addNull()));
        ArrayNode many = NODES.arrayNode();
        for (int i = 0; i < 5000; i++) {
            many.add("https://x" + i + ".example");
        }
        values.add(many);
        ObjectNode deep = NODES.objectNode();
        ObjectNode cursor = deep;
        for (int i = 0; i < 200; i++) {
            cursor = cursor.putObject("a");
        }
        values.add(deep);
        return values;
    }
}
