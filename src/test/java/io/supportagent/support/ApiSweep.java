package io.supportagent.support;

import io.supportagent.platform.OperatorToken;
import io.supportagent.platform.db.PlatformJdbc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the sweeps generated from the served OpenAPI document share: real objects of one organization (a store, an
 * agent instance, a conversation, a key, a webhook endpoint, a widget conversation), each operation's own valid
 * credential, concrete paths with those real ids (so that input reaches the handler rather than a 404), a body with
 * the required fields, and a fingerprint of the organization's rows to tell whether a refused request changed
 * anything.
 */
public final class ApiSweep {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final AgentFixtures.Shop shop;
    private final OperatorToken operatorToken;
    private final PlatformJdbc platform;
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final String widgetToken;

    public ApiSweep(int port, AgentFixtures fixtures, OperatorToken operatorToken, PlatformJdbc platform) {
        this.shop = fixtures.shop("alice@example.com");
        this.operatorToken = operatorToken;
        this.platform = platform;
        Http merchant = Http.on(port).bearer(shop.org().liveKey());
        ids.put("/v1/stores/", shop.store().id().toString());
        ids.put("/v1/agent-instances/", shop.instance().id().toString());
        ids.put(
                "/v1/conversations/",
                merchant.post(
                                "/v1/conversations",
                                Map.of("agent_instance_id", shop.instance().id().toString()))
                        .json()
                        .get("id")
                        .asString());
        ids.put(
                "/v1/api-keys/",
                merchant.post("/v1/api-keys", Map.of("name", "swept"))
                        .json()
                        .get("id")
                        .asString());
        ids.put(
                "/v1/webhook-endpoints/",
                merchant.post(
                                "/v1/webhook-endpoints",
                                Map.of("url", "https://hooks-" + UUID.randomUUID() + ".example.com/x"))
                        .json()
                        .get("id")
                        .asString());
        ids.put("/platform/v1/organizations/", shop.org().organization().id().toString());
        var started = Http.on(port)
                .header("X-Widget-Key", shop.instance().publicKey())
                .header("Origin", AgentFixtures.ORIGIN)
                .post("/widget/v1/conversations", Map.of("message", "Hello"));
        ids.put("/widget/v1/conversations/", started.json().get("id").asString());
        widgetToken = started.json().get("token").asString();
    }

    public AgentFixtures.Shop shop() {
        return shop;
    }

    /** The operation's own valid credential. */
    public Map<String, String> credentials(String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (path.startsWith("/widget/")) {
            headers.put("X-Widget-Key", shop.instance().publicKey());
            headers.put("Origin", AgentFixtures.ORIGIN);
            headers.put("X-Conversation-Token", widgetToken);
        } else if (path.startsWith("/platform/")) {
            headers.put("Authorization", "Bearer " + operatorToken.reveal());
        } else {
            headers.put("Authorization", "Bearer " + shop.org().liveKey());
        }
        return headers;
    }

    /** The path with real ids of this organization, so that input reaches the handler rather than a 404. */
    public String concrete(String template) {
        String path = template.replace("{period}", "2026-11").replace("{number}", "A1");
        for (var prefix : ids.entrySet()) {
            if (path.startsWith(prefix.getKey() + "{")) {
                path = prefix.getKey()
                        + prefix.getValue()
                        + path.substring(path.indexOf('}', prefix.getKey().length()) + 1);
            }
        }
        return path.replace("{storeId}", shop.store().id().toString())
                .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    /** The operation's JSON request body schema, or null when it takes none. */
    public static JsonNode bodySchema(JsonNode operation) {
        JsonNode json = operation
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        return json.isMissingNode() ? null : json;
    }

    /** The schema a reference points to; of a nullable reference ({@code anyOf} it and null), the referenced one. */
    public static JsonNode resolve(JsonNode doc, JsonNode schema) {
        if (schema.has("anyOf")) {
            for (JsonNode part : schema.get("anyOf")) {
                if (!part.path("type").asString("").equals("null")) {
                    return resolve(doc, part);
                }
            }
        }
        String ref = schema.path("$ref").asString("");
        return ref.startsWith("#/components/schemas/")
                ? doc.get("components").get("schemas").get(ref.substring("#/components/schemas/".length()))
                : schema;
    }

    /** A body that the operation would take, so that each changed property is the one thing different in it. */
    public ObjectNode validBody(JsonNode doc, JsonNode schema) {
        JsonNode resolved = resolve(doc, schema);
        ObjectNode body = NODES.objectNode();
        for (JsonNode required : resolved.path("required")) {
            String name = required.asString();
            body.set(
                    name,
                    plausible(
                            doc, name, resolve(doc, resolved.path("properties").path(name))));
        }
        return body;
    }

    /** A value the application takes for the property {@code name}. */
    public JsonNode plausible(JsonNode doc, String name, JsonNode property) {
        if (property.has("enum")) {
            return property.get("enum").get(0);
        }
        String type = type(property);
        return switch (type) {
            case "integer", "number" ->
                NODES.numberNode(
                        property.has("minimum")
                                ? Math.max(1, property.get("minimum").asLong())
                                : 1);
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> {
                var items = NODES.arrayNode();
                for (int i = 0; i < property.path("minItems").asInt(0); i++) {
                    items.add(plausible(doc, name, resolve(doc, property.path("items"))));
                }
                yield items;
            }
            case "object" -> property.has("properties") ? validBody(doc, property) : NODES.objectNode();
            default -> {
                String pattern = property.path("pattern").asString("");
                if (pattern.contains("[0-9a-fA-F]{8}")) {
                    yield NODES.stringNode(UUID.randomUUID().toString());
                }
                if (pattern.contains("(?:0[1-9]|1[0-2])")) {
                    yield NODES.stringNode("2026-11");
                }
                if (pattern.startsWith("^ct_")) {
                    yield NODES.stringNode("ct_" + "a".repeat(43));
                }
                if (property.path("format").asString("").equals("date-time")) {
                    yield NODES.stringNode("2026-11-01T00:00:00Z");
                }
                yield switch (name) {
                    case "url" -> NODES.stringNode("https://hooks-" + UUID.randomUUID() + ".example.com/x");
                    case "tracking_url" -> NODES.stringNode("https://tracking.example.com/1Z999");
                    case "agent_instance_id" ->
                        NODES.stringNode(shop.instance().id().toString());
                    case "store_id" -> NODES.stringNode(shop.store().id().toString());
                    case "agent_definition_id" ->
                        NODES.stringNode(shop.instance().agentDefinitionId().toString());
                    case "period" -> NODES.stringNode("2026-11");
                    case "tier" -> NODES.stringNode("pro");
                    case "role" -> NODES.stringNode("customer");
                    case "customer_email", "email", "owner_email" -> NODES.stringNode("a@example.com");
                    case "version" -> NODES.stringNode("9." + System.nanoTime() % 1000 + ".0");
                    case "type" -> NODES.stringNode("customer_service");
                    case "updated_at" -> NODES.stringNode("2026-11-01T00:00:00Z");
                    case "domain" -> NODES.stringNode("shop.example");
                    case "billing_timezone" -> NODES.stringNode("Europe/Berlin");
                    case "overage_unit_price" -> NODES.stringNode("0.015");
                    case "mode" -> NODES.stringNode("live");
                    case "status" -> NODES.stringNode("active");
                    default -> NODES.stringNode("Swept " + name);
                };
            }
        };
    }

    /** The property's type, the non-null one of a nullable property. */
    public static String type(JsonNode property) {
        JsonNode type = property.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asString().equals("null")) {
                    return t.asString();
                }
            }
        }
        return type.asString(property.has("properties") ? "object" : "string");
    }

    /**
     * Every row of the organization (its idempotency records aside, which keep refused answers for replay by design,
     * keys' last-use stamps and the widget's sightings, which background flushes write, and webhook deliveries with
     * their attempts: the sweep's
     * endpoint receives the events of its accepted requests, such as message.created, and the delivery worker retries
     * them on its own while later requests are refused), and the count of the global rows.
     */
    public String fingerprint() {
        List<String> tables = platform.jdbc().sql("""
                        SELECT table_name FROM information_schema.columns
                         WHERE table_schema = 'public' AND column_name = 'organization_id'
                           AND table_name NOT IN ('idempotency_keys', 'platform_idempotency_keys',
                                                  'webhook_deliveries', 'webhook_delivery_attempts',
                                                  'store_widget_sightings')
                         ORDER BY table_name""").query(String.class).list();
        StringBuilder sql = new StringBuilder("SELECT md5(coalesce(string_agg(h, ',' ORDER BY h), '')) FROM (");
        for (int i = 0; i < tables.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ")
                    .append("SELECT '")
                    .append(tables.get(i))
                    .append("' || md5((to_jsonb(t) - 'last_used_at' - 'synced_at')::text) AS h FROM ")
                    .append(tables.get(i))
                    .append(" t WHERE organization_id = :org");
        }
        sql.append(" UNION ALL SELECT 'organizations ' || count(*) FROM organizations")
                .append(" UNION ALL SELECT 'definitions ' || count(*) FROM agent_definitions) rows");
        return platform.jdbc()
                .sql(sql.toString())
                .param("org", shop.org().organization().id().value())
                .query(String.class)
                .single();
    }

    public static String cut(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
