package io.supportagent.support;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whether an answer is one the served OpenAPI document describes for its operation: its status is listed, its
 * content type is one the status lists, and a JSON body validates against the status's schema (JSON Schema 2020-12,
 * which OpenAPI 3.1 uses, by networknt's validator). What a client generated from the document, or a contract
 * sweep reading it, would trip over.
 */
public final class OpenApiConformance {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode doc;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    // Formats asserted too, as a contract sweep generating from the document reads them.
    private final SchemaRegistry strict = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Map<String, Schema> strictSchemas = new ConcurrentHashMap<>();

    public OpenApiConformance(JsonNode doc) {
        this.doc = doc;
    }

    /** What does not conform in the answer {@code status}, {@code contentType}, {@code body}; empty when it does. */
    public List<String> check(String method, String template, int status, String contentType, String body) {
        String what = method + " " + template + " → " + status;
        JsonNode operation = doc.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            return List.of(what + ": no such operation in the document");
        }
        JsonNode response = operation.path("responses").path(String.valueOf(status));
        if (response.isMissingNode()) {
            response = operation.path("responses").path("default");
        }
        if (response.isMissingNode()) {
            return List.of(what + ": status not documented ("
                    + operation.path("responses").propertyNames() + ")");
        }
        response = resolve(response);
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return body == null || body.isEmpty() ? List.of() : List.of(what + ": a body where none is documented");
        }
        String type = contentType == null ? "" : contentType.split(";")[0].strip();
        JsonNode media = content.path(type);
        if (media.isMissingNode()) {
            return List.of(what + ": content type '" + type + "' not documented (" + content.propertyNames() + ")");
        }
        JsonNode schema = media.path("schema");
        if (schema.isMissingNode() || !type.endsWith("json")) {
            return List.of();
        }
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (RuntimeException e) {
            return List.of(what + ": not JSON: " + cut(body));
        }
        List<String> failures = new ArrayList<>();
        for (Error error : validator(schema).validate(value)) {
            failures.add(what + ": " + error.getInstanceLocation() + " " + error.getMessage());
        }
        return failures;
    }

    /**
     * Why {@code value} is not valid against {@code schema} (one of the document's schemas, such as a request body's
     * or a parameter's, formats asserted); empty when it is valid.
     */
    public List<String> violations(JsonNode schema, JsonNode value) {
        Schema validator =
                strictSchemas.computeIfAbsent(schema.toString(), key -> strict.getSchema(withComponents(schema)));
        List<String> failures = new ArrayList<>();
        for (Error error : validator.validate(value)) {
            failures.add(error.getInstanceLocation() + " " + error.getMessage());
        }
        return failures;
    }

    private ObjectNode withComponents(JsonNode schema) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", doc.get("components"));
        root.set("allOf", JSON.createArrayNode().add(schema));
        return root;
    }

    /** The schema with the document's components beside it, so that its {@code #/components/...} references resolve. */
    private Schema validator(JsonNode schema) {
        return schemas.computeIfAbsent(schema.toString(), key -> {
            ObjectNode root = JSON.createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.set("components", doc.get("components"));
            root.set("allOf", JSON.createArrayNode().add(schema));
            return registry.getSchema(root);
        });
    }

    private JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asString("");
        if (!ref.startsWith("#/")) {
            return node;
        }
        JsonNode target = doc;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }

    private static String cut(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
