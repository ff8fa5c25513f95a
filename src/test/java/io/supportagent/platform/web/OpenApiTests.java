package io.supportagent.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.support.AgentFixtures;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description stays true: every route the application serves is in it, with its credential, an id, a
 * summary, a description and a module's tag; the error answers the application really gives are in it, with their
 * codes. It is also written to {@code target/openapi.json}, which {@code .ci/run} lints (redocly, recommended rules).
 */
@IntegrationTest
@Import({Fixtures.class, AgentFixtures.class})
class OpenApiTests {

    @Autowired
    AgentFixtures agents;

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** Server-rendered pages for people (the dashboard and its sign-in), not API routes. */
    static final List<String> DASHBOARD_PAGES =
            List.of("/app", "/login", "/logout", "/invitations/", "/password-reset");

    @Test
    void describesEveryRouteTheApplicationServes() {
        var response = served();
        assertThat(response.status()).isEqualTo(200);
        JsonNode paths = response.json().get("paths");

        List<String> served = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String path : info.getPatternValues()) {
                if (path.startsWith("/error")
                        || DASHBOARD_PAGES.stream().anyMatch(path::startsWith)
                        || (path.startsWith("/platform") && !path.startsWith("/platform/v1/")) // operator console
                        || path.startsWith("/actuator")
                        || path.startsWith("/v3/api-docs")
                        || path.startsWith("/swagger-ui")) {
                    continue;
                }
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    served.add(method.name().toLowerCase(Locale.ROOT) + " " + path);
                }
            }
        }
        assertThat(served).isNotEmpty().contains("post /v1/stores", "post /platform/v1/agent-definitions");
        List<String> missing = served.stream()
                .filter(route -> {
                    String[] parts = route.split(" ", 2);
                    JsonNode item = paths.get(parts[1]);
                    return item == null || item.get(parts[0]) == null;
                })
                .toList();
        assertThat(missing).as("routes missing from /v3/api-docs").isEmpty();
    }

    @Autowired
    Fixtures fixtures;

    @Test
    void writesTheServedDocumentForTheLint() throws Exception {
        var response = served();
        assertThat(response.status()).isEqualTo(200);
        java.nio.file.Path target = java.nio.file.Path.of("target", "openapi.json");
        java.nio.file.Files.createDirectories(target.getParent());
        java.nio.file.Files.writeString(target, response.body());
        assertThat(response.json().get("openapi").asString()).startsWith("3.1");
    }

    @Test
    void describesEveryOperationWithAnIdASummaryADescriptionAndAModule() {
        JsonNode doc = served().json();
        List<String> tags = new ArrayList<>();
        doc.get("tags").forEach(tag -> {
            assertThat(tag.path("description").asString("")).as(tag.toString()).isNotBlank();
            tags.add(tag.get("name").asString());
        });
        List<String> ids = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        for (var path : doc.get("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                JsonNode op = operation.getValue();
                String route = operation.getKey() + " " + path.getKey();
                if (op.path("operationId").asString("").isBlank()
                        || op.path("summary").asString("").isBlank()
                        || op.path("description").asString("").isBlank()
                        || op.path("tags").size() != 1
                        || !tags.contains(op.get("tags").get(0).asString())
                        || !op.has("security")) {
                    incomplete.add(route);
                }
                ids.add(op.path("operationId").asString(""));
            }
        }
        assertThat(incomplete)
                .as("operations without operationId, summary, description, one defined tag or security")
                .isEmpty();
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void documentsEveryErrorAnswerAsAProblemWithItsCodes() {
        JsonNode doc = served().json();
        JsonNode examples = doc.get("components").get("examples");
        assertThat(doc.get("components")
                        .get("schemas")
                        .get("Problem")
                        .get("required")
                        .toString())
                .contains("code");
        List<String> wrong = new ArrayList<>();
        for (var path : doc.get("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                JsonNode responses = operation.getValue().get("responses");
                boolean any4xx = false;
                for (var response : responses.properties()) {
                    String status = response.getKey();
                    if (!status.startsWith("4") && !status.startsWith("5")) {
                        continue;
                    }
                    any4xx |= status.startsWith("4");
                    JsonNode problem = response.getValue().path("content").path("application/problem+json");
                    String where = operation.getKey() + " " + path.getKey() + " " + status;
                    if (!problem.path("schema").path("$ref").asString("").endsWith("/Problem")
                            || problem.path("examples").isEmpty()) {
                        wrong.add(where + ": not a problem with examples");
                    }
                    for (var example : problem.path("examples").properties()) {
                        JsonNode body = examples.get(example.getKey()).get("value");
                        if (!body.get("code").asString().equals(example.getKey())
                                || !Integer.toString(body.get("status").asInt()).equals(status)) {
                            wrong.add(where + ": example " + example.getKey() + " is another status or code");
                        }
                    }
                }
                if (!any4xx) {
                    wrong.add(operation.getKey() + " " + path.getKey() + ": no 4xx answer");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * Errors provoked on each API, through the real filters: each is documented for its operation, at its status,
     * with its code.
     */
    @Test
    void documentsTheErrorsTheApplicationReallyAnswers() {
        JsonNode doc = served().json();
        var org = fixtures.organization(io.supportagent.tenancy.Tier.BASIC);
        var shop = agents.shop("errors@example.com");
        Http anonymous = Http.on(port);
        Http live = anonymous.bearer(org.liveKey());
        String unknown = java.util.UUID.randomUUID().toString();

        documented(doc, "get", "/v1/stores", anonymous.get("/v1/stores"));
        documented(doc, "get", "/v1/stores", anonymous.bearer("sk_live_wrong").get("/v1/stores"));
        documented(
                doc,
                "get",
                "/v1/stores",
                anonymous.header("Authorization", "Basic x").get("/v1/stores"));
        documented(
                doc,
                "get",
                "/v1/stores",
                anonymous.bearer(shop.instance().publicKey()).get("/v1/stores"));
        documented(doc, "get", "/v1/stores", live.get("/v1/stores?limit=0"));
        documented(doc, "get", "/v1/stores", live.header("Accept", "text/csv").get("/v1/stores"));
        documented(doc, "get", "/v1/stores", live.get("/v1/stores?x=sk_live_abc"));
        documented(doc, "get", "/v1/stores/{id}", live.get("/v1/stores/" + unknown));
        documented(doc, "post", "/v1/stores", live.post("/v1/stores", Map.of()));
        documented(doc, "post", "/v1/stores", live.post("/v1/stores", "{not json"));
        documented(doc, "post", "/v1/stores", live.post("/v1/stores", Map.of("name", "x".repeat(70_000))));
        documented(doc, "post", "/v1/stores", plainText(port, org.liveKey(), "/v1/stores"));
        documented(
                doc, "post", "/v1/stores", anonymous.bearer(org.testKey()).post("/v1/stores", Map.of("name", "Test")));
        live.post("/v1/stores", Map.of("name", "The one a basic tier allows"));
        documented(doc, "post", "/v1/stores", live.post("/v1/stores", Map.of("name", "One too many")));
        documented(
                doc, "post", "/v1/conversations", live.post("/v1/conversations", Map.of("agent_instance_id", unknown)));
        documented(doc, "get", "/v1/usage/events", live.get("/v1/usage/events?period=soon"));
        documented(doc, "get", "/v1/invoices/{period}", live.get("/v1/invoices/2001-01"));

        documented(doc, "get", "/widget/v1/config", anonymous.get("/widget/v1/config"));
        documented(
                doc,
                "get",
                "/widget/v1/config",
                anonymous.header("X-Widget-Key", "pk_widget_nope").get("/widget/v1/config"));
        documented(
                doc,
                "get",
                "/widget/v1/config",
                anonymous.header("X-Widget-Key", org.liveKey()).get("/widget/v1/config"));
        documented(
                doc,
                "get",
                "/widget/v1/conversations/{id}",
                anonymous
                        .header("X-Widget-Key", shop.instance().publicKey())
                        .header("X-Conversation-Token", "ct_wrong")
                        .get("/widget/v1/conversations/" + unknown));

        documented(doc, "get", "/platform/v1/organizations", anonymous.get("/platform/v1/organizations"));
        documented(
                doc,
                "post",
                "/platform/v1/billing-runs",
                anonymous.bearer(operatorToken.reveal()).post("/platform/v1/billing-runs", Map.of("period", "x")));
    }

    @Autowired
    io.supportagent.platform.OperatorToken operatorToken;

    /**
     * The description as served. Its first computation takes seconds, many on a busy machine: a longer wait than
     * {@link Http}'s.
     */
    private Http.Response served() {
        try {
            var request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/v3/api-docs"))
                    .timeout(java.time.Duration.ofMinutes(3))
                    .build();
            return new Http.Response(java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofString()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A text/plain body, which the JSON API does not take. */
    private static Http.Response plainText(int port, String key, String path) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "text/plain")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("name=Shop"))
                    .build();
            return new Http.Response(java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofString()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The answer is a problem whose code the description lists for this operation and status. */
    private static void documented(JsonNode doc, String method, String path, Http.Response answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(400, 599);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        String code = answer.json().get("code").asString();
        JsonNode examples = doc.get("paths")
                .get(path)
                .get(method)
                .get("responses")
                .path(Integer.toString(answer.status()))
                .path("content")
                .path("application/problem+json")
                .path("examples");
        assertThat(examples.has(code))
                .as("%s %s answers %d %s, which its description does not list", method, path, answer.status(), code)
                .isTrue();
    }

    @Test
    void namesTheSecuritySchemeOfEachApi() {
        JsonNode doc = served().json();
        JsonNode schemes = doc.get("components").get("securitySchemes");
        assertThat(schemes.has("secret_key")).isTrue();
        assertThat(schemes.has("widget_key")).isTrue();
        assertThat(schemes.has("operator_token")).isTrue();
        assertThat(schemes.get("conversation_token").get("name").asString()).isEqualTo("X-Conversation-Token");
        assertThat(schemes.has("member_session"))
                .as("the dashboard's session cookie opens pages, no operation of these APIs")
                .isFalse();
        JsonNode widgetConversation = doc.get("paths")
                .get("/widget/v1/conversations/{id}")
                .get("get")
                .get("security")
                .get(0);
        assertThat(widgetConversation.has("widget_key") && widgetConversation.has("conversation_token"))
                .as("a widget conversation needs the widget key and its token")
                .isTrue();
        assertThat(doc.get("paths").get("/widget.js").get("get").get("security"))
                .as("public")
                .isEmpty();
        assertThat(doc.get("paths")
                        .get("/v1/stores")
                        .get("post")
                        .get("security")
                        .get(0)
                        .has("secret_key"))
                .isTrue();
        assertThat(doc.get("paths")
                        .get("/platform/v1/agent-definitions")
                        .get("post")
                        .get("security")
                        .get(0)
                        .has("operator_token"))
                .isTrue();
    }

    @Test
    void servesABrowsablePage() {
        var page = Http.on(port).get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("swagger");
        var redirect = Http.on(port).get("/swagger-ui.html");
        assertThat(redirect.status()).isIn(200, 302);
    }

    @Test
    void documentsPropertiesByTheNamesTheApiSendsAndReads() {
        JsonNode schemas = served().json().get("components").get("schemas");
        List<String> camelCase = new ArrayList<>();
        for (var schema : schemas.properties()) {
            JsonNode properties = schema.getValue().get("properties");
            if (properties != null) {
                for (String name : properties.propertyNames()) {
                    if (!name.equals(name.toLowerCase(Locale.ROOT))) {
                        camelCase.add(schema.getKey() + "." + name);
                    }
                }
            }
        }
        assertThat(camelCase)
                .as("properties not named as on the wire (snake_case)")
                .isEmpty();
        assertThat(schemas.has("JsonNode"))
                .as("free-form JSON is documented as an object")
                .isFalse();

        // And the names are those of a real answer: a conversation, as the API sends it.
        var shop = agents.shop("olga@example.com");
        JsonNode conversation = Http.on(port)
                .bearer(shop.org().liveKey())
                .post(
                        "/v1/conversations",
                        java.util.Map.of(
                                "agent_instance_id", shop.instance().id().toString()))
                .json();
        JsonNode documented = schemas.get("ConversationView").get("properties");
        List<String> undocumented = new ArrayList<>();
        conversation.propertyNames().forEach(name -> {
            if (!documented.has(name)) {
                undocumented.add(name);
            }
        });
        assertThat(undocumented)
                .as("fields of a real conversation missing from ConversationView")
                .isEmpty();
    }

    @Test
    void everyPostTakesAnIdempotencyKey() {
        JsonNode paths = served().json().get("paths");
        List<String> without = new ArrayList<>();
        for (var path : paths.properties()) {
            JsonNode post = path.getValue().get("post");
            if (post == null) {
                continue;
            }
            boolean declared = false;
            for (JsonNode parameter : post.path("parameters")) {
                declared |= parameter.path("in").asString("").equals("header")
                        && parameter.path("name").asString("").equals("Idempotency-Key");
            }
            if (!declared) {
                without.add(path.getKey());
            }
        }
        assertThat(paths.has("/widget/v1/conversations")).isTrue();
        assertThat(without).as("POST routes without the Idempotency-Key header").isEmpty();
    }

    @Test
    void documentsTheCursorParametersOfEveryList() {
        JsonNode paths = served().json().get("paths");
        List<String> lists = List.of(
                "/v1/stores",
                "/v1/agent-definitions",
                "/v1/agent-instances",
                "/v1/conversations",
                "/v1/invoices",
                "/v1/usage/history",
                "/v1/webhook-endpoints",
                "/v1/usage/events",
                "/platform/v1/agent-definitions",
                "/platform/v1/invoices");
        for (String list : lists) {
            JsonNode parameters = paths.get(list).get("get").get("parameters");
            assertThat(parameters).as(list).isNotNull();
            List<String> query = new ArrayList<>();
            parameters.forEach(p -> {
                if (p.get("in").asString().equals("query")) {
                    query.add(p.get("name").asString());
                }
            });
            assertThat(query).as(list).contains("limit", "starting_after");
        }
    }
}
