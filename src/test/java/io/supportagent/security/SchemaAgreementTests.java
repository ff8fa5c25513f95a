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
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * The request schemas and parameters of the served OpenAPI document agree with what the application takes, in both
 * directions, as a contract sweep generating from the document would find: values at the edges of what each property
 * or parameter allows are not refused as invalid, and values the document forbids (checked against the document's
 * own schema with networknt's validator, formats asserted, so that the test cannot be wrong about what it says) are
 * refused with a 4xx and change nothing. And an undocumented method on a documented path answers 405.
 */
@IntegrationTest
@Import(AgentFixtures.class)
class SchemaAgreementTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @LocalServerPort
    int port;

    @Autowired
    AgentFixtures fixtures;

    @Autowired
    OperatorToken operatorToken;

    @Autowired
    PlatformJdbc platform;

    ApiSweep sweep;
    JsonNode doc;
    OpenApiConformance documented;

    @BeforeEach
    void realObjects() {
        sweep = new ApiSweep(port, fixtures, operatorToken, platform);
        doc = Http.on(port).get("/v3/api-docs").json();
        documented = new OpenApiConformance(doc);
    }

    record Probe(String method, String template, String path, String body, String why) {}

    @Test
    void valuesTheDocumentAllowsAreNotRefusedAsInvalid() {
        List<Probe> probes = new ArrayList<>();
        int skipped = 0;
        for (Op op : operations()) {
            String target = sweep.concrete(op.template());
            JsonNode schema = ApiSweep.bodySchema(op.node());
            ObjectNode valid = schema == null ? null : sweep.validBody(doc, schema);
            if (schema != null) {
                JsonNode resolved = ApiSweep.resolve(doc, schema);
                Set<String> required = names(resolved.path("required"));
                for (var property : resolved.path("properties").properties()) {
                    for (Variant v : allowed(
                            property.getKey(),
                            ApiSweep.resolve(doc, property.getValue()),
                            required.contains(property.getKey()))) {
                        ObjectNode body = valid.deepCopy();
                        if (v.value() == null) {
                            body.remove(property.getKey());
                        } else {
                            body.set(property.getKey(), v.value());
                        }
                        if (!documented.violations(schema, body).isEmpty()) {
                            skipped++;
                            continue;
                        }
                        probes.add(new Probe(
                                op.method(),
                                op.template(),
                                target,
                                JSON.writeValueAsString(body),
                                property.getKey() + " " + v.why()));
                    }
                }
            }
            String body = valid == null ? null : JSON.writeValueAsString(valid);
            for (JsonNode parameter : op.node().path("parameters")) {
                if (!"query".equals(parameter.path("in").asString())) {
                    continue;
                }
                String name = parameter.get("name").asString();
                for (Variant v : allowed(name, parameter.path("schema"), false)) {
                    if (v.value() == null || v.value().isNull()) {
                        continue;
                    }
                    if (!documented
                            .violations(parameter.path("schema"), v.value())
                            .isEmpty()) {
                        skipped++;
                        continue;
                    }
                    probes.add(new Probe(
                            op.method(),
                            op.template(),
                            target + "?" + required(op, name) + query(name, v.value()),
                            body,
                            "query " + name + " " + v.why()));
                }
            }
        }
        assertThat(probes).hasSizeGreaterThan(150);

        List<String> failures = new ArrayList<>();
        for (Probe probe : probes) {
            var answer =
                    RawHttp.send(port, probe.method(), probe.path(), sweep.credentials(probe.path()), probe.body());
            String code;
            try {
                code = code(answer.body());
            } catch (RuntimeException unreadable) {
                failures.add("an unreadable answer for " + what(probe) + " -> " + ApiSweep.cut(answer.text()));
                continue;
            }
            boolean refusedAsInvalid = answer.status() == 422 && !code.startsWith("idempotency")
                    || answer.status() == 400
                            && Set.of("validation_failed", "malformed_request").contains(code)
                    || answer.status() >= 500
                    // A rate limit would hide the answer the probe is there to see.
                    || answer.status() == 429;
            if (refusedAsInvalid) {
                failures.add(answer.status() + " " + code + " for " + what(probe) + " -> "
                        + ApiSweep.cut(answer.text().substring(answer.text().indexOf("\r\n\r\n") + 4)));
            }
        }
        assertThat(failures)
                .as("valid values refused (" + probes.size() + " probes, " + skipped
                        + " candidates the document itself refuses)")
                .isEmpty();
    }

    @Test
    void valuesTheDocumentForbidsAreRefusedAndChangeNothing() {
        List<Probe> probes = new ArrayList<>();
        for (Op op : operations()) {
            if (op.method().equals("DELETE")) {
                continue;
            }
            String target = sweep.concrete(op.template());
            JsonNode schema = ApiSweep.bodySchema(op.node());
            ObjectNode valid = schema == null
                    ? null
                    : sweep.validBody(doc, alternatives(schema).getFirst());
            for (JsonNode resolved : schema == null ? List.<JsonNode>of() : alternatives(schema)) {
                valid = sweep.validBody(doc, resolved);
                List<ObjectNode> bodies = new ArrayList<>();
                List<String> whys = new ArrayList<>();
                for (JsonNode required : resolved.path("required")) {
                    ObjectNode body = valid.deepCopy();
                    body.remove(required.asString());
                    bodies.add(body);
                    whys.add(required.asString() + " missing");
                }
                ObjectNode extra = valid.deepCopy();
                extra.put("zz_not_a_property", 1);
                bodies.add(extra);
                whys.add("an undocumented property");
                for (var property : resolved.path("properties").properties()) {
                    for (Variant v : forbidden(ApiSweep.resolve(doc, property.getValue()))) {
                        ObjectNode body = valid.deepCopy();
                        body.set(property.getKey(), v.value());
                        bodies.add(body);
                        whys.add(property.getKey() + " " + v.why());
                    }
                }
                for (int i = 0; i < bodies.size(); i++) {
                    if (!documented.violations(schema, bodies.get(i)).isEmpty()) {
                        probes.add(new Probe(
                                op.method(),
                                op.template(),
                                target,
                                JSON.writeValueAsString(bodies.get(i)),
                                whys.get(i)));
                    }
                }
            }
            String body = valid == null ? null : JSON.writeValueAsString(valid);
            for (JsonNode parameter : op.node().path("parameters")) {
                if (!"query".equals(parameter.path("in").asString())) {
                    continue;
                }
                String name = parameter.get("name").asString();
                for (Variant v : forbidden(ApiSweep.resolve(doc, parameter.path("schema")))) {
                    // A query value is text: only what is wrong as text can be sent.
                    JsonNode value = v.value();
                    if (value.isContainer() || value.isNull()) {
                        continue;
                    }
                    JsonNode asParsed = parsedLikeAQuery(parameter.path("schema"), value);
                    if (documented
                            .violations(parameter.path("schema"), asParsed)
                            .isEmpty()) {
                        continue;
                    }
                    probes.add(new Probe(
                            op.method(),
                            op.template(),
                            target + "?" + required(op, name) + query(name, value),
                            body,
                            "query " + name + " " + v.why()));
                }
            }
        }
        assertThat(probes).hasSizeGreaterThan(150);

        List<String> failures = new ArrayList<>();
        String before = sweep.fingerprint();
        for (Probe probe : probes) {
            var answer =
                    RawHttp.send(port, probe.method(), probe.path(), sweep.credentials(probe.path()), probe.body());
            if (answer.status() < 400 || answer.status() >= 500) {
                failures.add(answer.status() + " for " + what(probe));
                before = sweep.fingerprint();
                continue;
            }
            documented
                    .check(
                            probe.method(),
                            probe.template(),
                            answer.status(),
                            answer.header("Content-Type"),
                            answer.body())
                    .forEach(f -> failures.add(f + " for " + what(probe)));
            String after = sweep.fingerprint();
            if (!after.equals(before)) {
                failures.add("refused with " + answer.status() + " but changed the database: " + what(probe));
            }
            before = after;
        }
        assertThat(failures)
                .as("forbidden values not refused (" + probes.size() + " probes)")
                .isEmpty();
    }

    /**
     * Each documented path, asked with a method it does not document and the credential of its API: 405 with an
     * Allow header naming the documented methods, as problem+json, never a 401, 404 or 5xx.
     */
    @Test
    void anUndocumentedMethodAnswers405WithAllow() {
        List<String> failures = new ArrayList<>();
        int asked = 0;
        for (var path : doc.get("paths").properties()) {
            Set<String> documentedMethods = new LinkedHashSet<>();
            path.getValue().propertyNames().forEach(m -> documentedMethods.add(m.toUpperCase(Locale.ROOT)));
            String target = sweep.concrete(path.getKey());
            for (String method : METHODS) {
                if (documentedMethods.contains(method)) {
                    continue;
                }
                asked++;
                var answer = RawHttp.send(
                        port,
                        method,
                        target,
                        sweep.credentials(target),
                        method.equals("GET") || method.equals("DELETE") ? null : "{}");
                String allow = answer.header("Allow");
                String type = answer.header("Content-Type");
                if (answer.status() != 405
                        || allow == null
                        || type == null
                        || !type.startsWith("application/problem+json")) {
                    failures.add(method + " " + target + ": " + answer.status() + " Allow=" + allow + " " + type);
                } else {
                    Set<String> allowed = new LinkedHashSet<>();
                    for (String m : allow.split(",")) {
                        allowed.add(m.strip());
                    }
                    if (!allowed.containsAll(documentedMethods)) {
                        failures.add(
                                method + " " + target + ": Allow " + allow + " lacks some of " + documentedMethods);
                    }
                }
            }
        }
        assertThat(asked).isGreaterThan(50);
        assertThat(failures).as("undocumented methods").isEmpty();
    }

    /**
     * Each operation the document secures, asked without its credential: 401, as documented; and each widget
     * conversation operation with the widget key but without the conversation's token (the document asks for both):
     * 401 or 404 (the conversation is not found without it), never an answer.
     * The event stream is included: a refusal ends it at once.
     */
    @Test
    void aSecuredOperationWithoutItsCredentialAnswers401() {
        List<String> failures = new ArrayList<>();
        int asked = 0;
        for (var path : doc.get("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                if (operation.getValue().path("security").isEmpty()) {
                    continue;
                }
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                String target = sweep.concrete(path.getKey());
                JsonNode schema = ApiSweep.bodySchema(operation.getValue());
                String body = schema == null
                        ? null
                        : JSON.writeValueAsString(
                                sweep.validBody(doc, alternatives(schema).getFirst()));
                List<java.util.Map<String, String>> partial = new ArrayList<>();
                partial.add(java.util.Map.of());
                if (path.getKey().startsWith("/widget/v1/conversations/")) {
                    var withoutToken = new java.util.LinkedHashMap<>(sweep.credentials(target));
                    withoutToken.remove("X-Conversation-Token");
                    partial.add(withoutToken);
                }
                for (var headers : partial) {
                    asked++;
                    var answer = RawHttp.send(port, method, target, headers, body);
                    // Without the token a conversation is not found, like another widget's: not told apart.
                    boolean refused = headers.isEmpty()
                            ? answer.status() == 401
                            : answer.status() == 401 || answer.status() == 404;
                    if (!refused) {
                        failures.add(method + " " + target + " with " + headers.keySet() + ": " + answer.status());
                    }
                    documented
                            .check(method, path.getKey(), answer.status(), answer.header("Content-Type"), answer.body())
                            .forEach(failures::add);
                }
            }
        }
        assertThat(asked).isGreaterThan(50);
        assertThat(failures).as("secured operations without their credential").isEmpty();
    }

    // --- what the document allows and forbids ------------------------------------------------------------------

    record Variant(JsonNode value, String why) {}

    /** Values at the edges of what {@code property} allows; a null value means "left out". */
    private List<Variant> allowed(String name, JsonNode raw, boolean required) {
        List<Variant> values = new ArrayList<>();
        if (!required) {
            values.add(new Variant(null, "left out"));
        }
        if (nullable(raw)) {
            values.add(new Variant(NODES.nullNode(), "null"));
        }
        JsonNode property = ApiSweep.resolve(doc, raw);
        if (property.has("enum")) {
            JsonNode all = property.get("enum");
            // Long lists (time zones) by a dozen samples spread over them.
            int step = Math.max(1, all.size() / 12);
            for (int i = 0; i < all.size(); i += step) {
                if (!all.get(i).isNull()) {
                    values.add(new Variant(all.get(i), "enum " + all.get(i)));
                }
            }
            return values;
        }
        JsonNode plausible = sweep.plausible(doc, name, property);
        values.add(new Variant(plausible, "plausible"));
        switch (ApiSweep.type(property)) {
            case "string" -> {
                // Free text: no pattern, or one that only keeps NUL out or asks for something not blank.
                String pattern = property.path("pattern").asString("");
                boolean freeText = pattern.isEmpty()
                        || pattern.equals("^[^\\x00]*$")
                        || pattern.equals("^[^\\x00]*[^\\x00-\\x20][^\\x00]*$");
                if (freeText && !property.has("format")) {
                    int min = property.path("minLength").asInt(0);
                    values.add(new Variant(NODES.stringNode("x".repeat(Math.max(min, 0))), "minLength " + min));
                    if (min == 0) {
                        values.add(new Variant(NODES.stringNode(" "), "a space"));
                    }
                    if (property.has("maxLength")) {
                        int max = property.get("maxLength").asInt();
                        values.add(new Variant(NODES.stringNode("x".repeat(max)), "maxLength " + max));
                        // Characters, as JSON Schema counts them: one emoji is one (and two UTF-16 units).
                        values.add(new Variant(
                                NODES.stringNode("\uD83D\uDE00".repeat(Math.min(max, 50_000))),
                                "maxLength " + max + " in emoji"));
                    }
                    values.add(new Variant(NODES.stringNode("Ünïcödé ✓ 😀"), "unicode"));
                }
            }
            case "integer", "number" -> {
                boolean int32 = "int32".equals(property.path("format").asString(""));
                BigDecimal min = property.has("minimum")
                        ? property.get("minimum").decimalValue()
                        : BigDecimal.valueOf(int32 ? Integer.MIN_VALUE : Long.MIN_VALUE);
                BigDecimal max = property.has("maximum")
                        ? property.get("maximum").decimalValue()
                        : BigDecimal.valueOf(int32 ? Integer.MAX_VALUE : Long.MAX_VALUE);
                values.add(new Variant(NODES.numberNode(min.toBigIntegerExact()), "minimum " + min));
                values.add(new Variant(NODES.numberNode(max.toBigIntegerExact()), "maximum " + max));
            }
            case "boolean" -> {
                values.add(new Variant(NODES.booleanNode(true), "true"));
                values.add(new Variant(NODES.booleanNode(false), "false"));
            }
            case "array" -> {
                values.add(new Variant(NODES.arrayNode(), "empty"));
                JsonNode items = ApiSweep.resolve(doc, property.path("items"));
                int max = property.path("maxItems").asInt(3);
                ArrayNode many = NODES.arrayNode();
                for (int i = 0; i < max; i++) {
                    many.add(item(name, items, i));
                }
                values.add(new Variant(many, max + " items"));
            }
            case "object" -> {
                if (!property.has("properties")
                        && !property.path("additionalProperties").isBoolean()) {
                    values.add(new Variant(NODES.objectNode(), "empty object"));
                    values.add(new Variant(NODES.objectNode().put("greeting", "Hi"), "an object"));
                }
            }
            default -> {}
        }
        return values;
    }

    /** The {@code i}th item of a list: distinct where the items can be. */
    private JsonNode item(String name, JsonNode items, int i) {
        if (items.has("enum")) {
            return items.get("enum").get(i % items.get("enum").size());
        }
        if (name.equals("allowed_origins")) {
            return NODES.stringNode("https://shop" + i + ".example");
        }
        if (ApiSweep.type(items).equals("object")) {
            ObjectNode one = sweep.validBody(doc, items);
            if (one.has("name")) {
                one.put("name", "Item " + i);
            }
            if (one.has("title")) {
                one.put("title", "Article " + i);
            }
            return one;
        }
        return sweep.plausible(doc, name, items);
    }

    /** Values {@code property} does not allow (each checked against the document before it is sent). */
    private List<Variant> forbidden(JsonNode property) {
        List<Variant> values = new ArrayList<>();
        values.add(new Variant(NODES.nullNode(), "null"));
        String type = ApiSweep.type(property);
        if (!type.equals("string")) {
            values.add(new Variant(NODES.stringNode("1"), "a string"));
        }
        if (!type.equals("integer") && !type.equals("number")) {
            values.add(new Variant(NODES.numberNode(1), "a number"));
        }
        if (!type.equals("boolean")) {
            values.add(new Variant(NODES.booleanNode(true), "a boolean"));
        }
        if (!type.equals("array")) {
            values.add(new Variant(NODES.arrayNode().add("x"), "an array"));
        }
        if (!type.equals("object")) {
            values.add(new Variant(NODES.objectNode().put("a", 1), "an object"));
        }
        if (property.has("enum")) {
            values.add(new Variant(NODES.stringNode("not_one_of_them"), "not in the enum"));
        }
        switch (type) {
            case "string" -> {
                if (property.has("maxLength")) {
                    int max = property.get("maxLength").asInt();
                    values.add(new Variant(NODES.stringNode("x".repeat(max + 1)), "maxLength + 1"));
                }
                values.add(new Variant(NODES.stringNode(""), "empty"));
                values.add(new Variant(NODES.stringNode(" "), "a space"));
                values.add(new Variant(NODES.stringNode("not valid!"), "odd text"));
                values.add(new Variant(NODES.stringNode("a\u0000b"), "NUL"));
            }
            case "integer", "number" -> {
                if (property.has("minimum")) {
                    values.add(new Variant(
                            NODES.numberNode(
                                    property.get("minimum").decimalValue().subtract(BigDecimal.ONE)),
                            "minimum - 1"));
                }
                if (property.has("maximum")) {
                    values.add(new Variant(
                            NODES.numberNode(
                                    property.get("maximum").decimalValue().add(BigDecimal.ONE)),
                            "maximum + 1"));
                }
                if (type.equals("integer")) {
                    values.add(new Variant(NODES.numberNode(1.5), "a fraction"));
                }
            }
            case "array" -> {
                if (property.has("maxItems")) {
                    ArrayNode many = NODES.arrayNode();
                    JsonNode items = ApiSweep.resolve(doc, property.path("items"));
                    for (int i = 0; i <= property.get("maxItems").asInt(); i++) {
                        many.add(item("allowed_origins", items, i));
                    }
                    values.add(new Variant(many, "maxItems + 1"));
                }
                values.add(new Variant(NODES.arrayNode().add(NODES.objectNode().put("a", 1)), "odd items"));
                values.add(new Variant(NODES.arrayNode().add("not valid!"), "odd text items"));
            }
            default -> {}
        }
        return values;
    }

    private static boolean nullable(JsonNode property) {
        for (JsonNode t : property.path("type")) {
            if (t.asString().equals("null")) {
                return true;
            }
        }
        for (JsonNode part : property.path("anyOf")) {
            if (part.path("type").asString("").equals("null")) {
                return true;
            }
        }
        return false;
    }

    /** The object schemas a body may follow: each of a {@code oneOf}, or the one. */
    private List<JsonNode> alternatives(JsonNode schema) {
        JsonNode resolved = ApiSweep.resolve(doc, schema);
        List<JsonNode> all = new ArrayList<>();
        if (resolved.has("oneOf")) {
            resolved.get("oneOf").forEach(part -> all.add(ApiSweep.resolve(doc, part)));
        } else {
            all.add(resolved);
        }
        return all;
    }

    /** A query value as a server reads it: text, or a number where the schema wants one and the text is one. */
    private static JsonNode parsedLikeAQuery(JsonNode schema, JsonNode value) {
        String type = ApiSweep.type(schema);
        String text = value.isString() ? value.asString() : value.toString();
        if (type.equals("integer") || type.equals("number")) {
            try {
                return NODES.numberNode(new BigDecimal(text));
            } catch (NumberFormatException e) {
                return NODES.stringNode(text);
            }
        }
        if (type.equals("boolean") && (text.equals("true") || text.equals("false"))) {
            return NODES.booleanNode(Boolean.parseBoolean(text));
        }
        return NODES.stringNode(text);
    }

    // --- plumbing --------------------------------------------------------------------------------------------------

    record Op(String method, String template, JsonNode node) {}

    /**
     * The operations with a body or query parameters (the event stream aside: it does not end by itself), in an
     * order that keeps the fixtures usable: the widget's first (pausing the instance or changing the store's origins
     * ends them), the operator's last (suspending the organization ends the organization API).
     */
    private List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        for (var path : doc.get("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                JsonNode node = operation.getValue();
                boolean query = false;
                for (JsonNode p : node.path("parameters")) {
                    query |= "query".equals(p.path("in").asString());
                }
                if ((query || ApiSweep.bodySchema(node) != null)
                        && !path.getKey().endsWith("/events")) {
                    ops.add(new Op(operation.getKey().toUpperCase(Locale.ROOT), path.getKey(), node));
                }
            }
        }
        ops.sort(Comparator.comparing((Op o) -> !o.template().startsWith("/widget/"))
                .thenComparing(o -> o.template().startsWith("/platform/"))
                .thenComparing(o -> o.method().equals("DELETE")));
        return ops;
    }

    /** The operation's required query parameters other than {@code but}, with values it takes, each ending in &. */
    private String required(Op op, String but) {
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : op.node().path("parameters")) {
            String name = parameter.get("name").asString();
            if ("query".equals(parameter.path("in").asString())
                    && parameter.path("required").asBoolean(false)
                    && !name.equals(but)) {
                query.append(query(name, sweep.plausible(doc, name, ApiSweep.resolve(doc, parameter.path("schema")))))
                        .append('&');
            }
        }
        return query.toString();
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new LinkedHashSet<>();
        array.forEach(n -> names.add(n.asString()));
        return names;
    }

    private static String query(String name, JsonNode value) {
        String text = value.isString() ? value.asString() : value.toString();
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String code(String body) {
        try {
            return JSON.readTree(body).path("code").asString("");
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String what(Probe probe) {
        return probe.method() + " " + ApiSweep.cut(probe.path()) + " (" + probe.why() + ": "
                + ApiSweep.cut(probe.body()) + ")";
    }
}
