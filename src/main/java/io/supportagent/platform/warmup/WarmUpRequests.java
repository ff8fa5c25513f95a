package io.supportagent.platform.warmup;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

/**
 * What the warm-up sends: the paths every request of the node goes through (Tomcat, the request-id and body filters,
 * the firewall and each surface's security chain, Spring MVC, Jackson both ways, bean validation, problem+json, the
 * platform pool and the JDBC driver), through answers that change nothing: health probes, refusals of missing or
 * malformed credentials, CORS, the operator's read-only lists and requests that fail validation. No tenant's data is
 * read or written and nothing is metered: a tenant's own read paths would need one of its keys, which a node never
 * holds in clear.
 */
final class WarmUpRequests {

    /** An origin no store can list (the {@code .invalid} top-level domain is reserved for names that never exist). */
    static final String ORIGIN = "https://warm-up.invalid";
    /** Well-formed to the eye, never a valid key: refused by its checksum before any database work. */
    static final String MALFORMED_WIDGET_KEY = "pk_widget_warmup";

    private WarmUpRequests() {}

    /** The requests, in the order each warm-up worker goes round them. */
    static List<HttpRequest> all(URI node, String operatorToken) {
        String operator = "Bearer " + operatorToken;
        return List.of(
                get(node, "/actuator/health/liveness").build(),
                get(node, "/v1/stores").build(), // 401 missing_api_key
                post(node, "/v1/conversations", "{\"agent_instance_id\":\"warm-up\"}")
                        .build(), // 401
                get(node, "/widget/v1/config")
                        .header("X-Widget-Key", MALFORMED_WIDGET_KEY)
                        .header("Origin", ORIGIN)
                        .build(), // 401 invalid_widget_key, CORS checked
                HttpRequest.newBuilder(node.resolve("/widget/v1/conversations"))
                        .timeout(TIMEOUT)
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", ORIGIN)
                        .header("Access-Control-Request-Method", "POST")
                        .build(), // a CORS preflight
                get(node, "/platform/v1/organizations?limit=20")
                        .header("Authorization", operator)
                        .build(), // 200: a read through the platform pool, rendered as JSON
                get(node, "/platform/v1/agent-definitions?limit=20")
                        .header("Authorization", operator)
                        .build(),
                get(node, "/platform/v1/organizations?limit=0")
                        .header("Authorization", operator)
                        .build(), // 400: a parameter out of range
                post(node, "/platform/v1/agent-definitions", "{\"type\":\"\",\"version\":\"not a version\"}")
                        .header("Authorization", operator)
                        .build(), // 400: fails validation, publishes nothing
                post(node, "/platform/v1/agent-definitions", "{\"type\":")
                        .header("Authorization", operator)
                        .build(), // 400: malformed JSON
                get(node, "/no-such-page-warm-up").build()); // 404
    }

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static HttpRequest.Builder get(URI node, String path) {
        return HttpRequest.newBuilder(node.resolve(path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .GET();
    }

    private static HttpRequest.Builder post(URI node, String path, String json) {
        return HttpRequest.newBuilder(node.resolve(path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }
}
