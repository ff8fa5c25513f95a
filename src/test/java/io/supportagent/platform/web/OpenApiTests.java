package io.supportagent.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.support.AgentFixtures;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description stays true: every route the application serves is in it, with its security scheme. */
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
        var response = Http.on(port).get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        JsonNode paths = response.json().get("paths");

        List<String> served = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String path : info.getPatternValues()) {
                if (path.startsWith("/error")
                        || DASHBOARD_PAGES.stream().anyMatch(path::startsWith)
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

    @Test
    void namesTheSecuritySchemeOfEachApi() {
        JsonNode doc = Http.on(port).get("/v3/api-docs").json();
        JsonNode schemes = doc.get("components").get("securitySchemes");
        assertThat(schemes.has("secret_key")).isTrue();
        assertThat(schemes.has("widget_key")).isTrue();
        assertThat(schemes.has("operator_token")).isTrue();
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
        JsonNode schemas =
                Http.on(port).get("/v3/api-docs").json().get("components").get("schemas");
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
        JsonNode paths = Http.on(port).get("/v3/api-docs").json().get("paths");
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
        JsonNode paths = Http.on(port).get("/v3/api-docs").json().get("paths");
        List<String> lists = List.of(
                "/v1/stores",
                "/v1/agent-definitions",
                "/v1/agent-instances",
                "/v1/conversations",
                "/v1/invoices",
                "/v1/usage/history",
                "/v1/webhook-endpoints",
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
