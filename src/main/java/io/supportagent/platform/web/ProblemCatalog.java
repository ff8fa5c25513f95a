package io.supportagent.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every problem {@code code} the APIs answer, with its status and an example body as the application writes it: the
 * OpenAPI description shows each operation's codes from here, one example per code. A code the application answers
 * that is missing here is a description that lies: {@code OpenApiTests} provokes the codes of each API and looks them
 * up in the description.
 */
final class ProblemCatalog {

    /** One code: its HTTP status, the title and a detail the application writes, and its extra members. */
    record Problem(String code, int status, String title, String summary, String detail, Map<String, Object> members) {}

    static final Map<String, Problem> CODES = new LinkedHashMap<>();

    static {
        // 400
        add(
                "validation_failed",
                400,
                "Validation failed",
                "A field or parameter is invalid (named in 'errors')",
                "The request has invalid fields.",
                Map.of("errors", Map.of("name", "must not be blank")));
        add("malformed_request", 400, "Malformed request", "The body is not valid JSON", "The body is not valid JSON.");
        add(
                "malformed_url",
                400,
                "Malformed URL",
                "The path could be read more than one way, or the query string is not valid UTF-8",
                "The request was rejected because the URL contained a potentially malicious String \";\". Paths take"
                        + " no encoded '/', '.', '%' or '\\', no ';' parameters, no '//' and no dot segments.");
        add(
                "secret_key_in_url",
                400,
                "Secret key in URL",
                "A secret key was sent in the URL",
                "Secret keys must never be sent in a URL (URLs end up in logs, proxies and browser history); send them"
                        + " as 'Authorization: Bearer …'. Consider rolling this key.");
        // 401
        add(
                "missing_api_key",
                401,
                "Unauthenticated",
                "No secret key was sent",
                "Send your secret key as 'Authorization: Bearer sk_live_…' (or sk_test_…).");
        add(
                "invalid_authorization_header",
                401,
                "Unauthenticated",
                "The Authorization header is not Bearer",
                "The Authorization header must use the Bearer scheme.");
        add(
                "invalid_api_key",
                401,
                "Unauthenticated",
                "The key is malformed, unknown or wrong",
                "The API key is invalid.");
        add("api_key_revoked", 401, "Unauthenticated", "The key was revoked", "This API key has been revoked.");
        add(
                "api_key_expired",
                401,
                "Unauthenticated",
                "The key expired after a roll",
                "This API key has expired; use the key that replaced it.");
        add(
                "missing_widget_key",
                401,
                "Unauthenticated",
                "No widget key was sent",
                "Send the widget key as 'X-Widget-Key: pk_widget_…'.");
        add("invalid_widget_key", 401, "Unauthenticated", "The widget key is unknown", "The widget key is invalid.");
        add(
                "invalid_identity_token",
                401,
                "Identity not verified",
                "The shopper's identity token is forged, expired or another instance's",
                "The identity token is not valid: it has expired.");
        add(
                "identity_required",
                401,
                "Identity not verified",
                "The agent instance talks only to verified shoppers",
                "This assistant talks only to signed-in shoppers; sign in and retry.");
        add(
                "invalid_operator_token",
                401,
                "Unauthenticated",
                "The operator token is missing or wrong",
                "The platform API needs 'Authorization: Bearer <operator token>'.");
        // 402
        add(
                "usage_limit_reached",
                402,
                "Usage limit reached",
                "The organization's usage cap is reached",
                "This organization has reached its cap of 1000 live conversations for 2026-12; new conversations can"
                        + " start again in the next billing period or after the cap is raised.",
                Map.of("usage_cap", 1000, "period", "2026-12"));
        // 403
        add(
                "secret_key_required",
                403,
                "Forbidden",
                "A widget key was sent to the organization API",
                "A widget key cannot be used on the organization API; use a secret key.");
        add(
                "organization_suspended",
                403,
                "Forbidden",
                "The organization is suspended",
                "This organization is suspended; contact support.");
        add(
                "live_mode_required",
                403,
                "Forbidden",
                "A test key tried to change what both modes share",
                "Stores, agent instances, articles and orders are shared by live and test mode; changing them needs a"
                        + " live key (sk_live_). A test key can read them and run test conversations on them.");
        add(
                "tier_limit_reached",
                403,
                "Tier limit reached",
                "The tier allows no more of these",
                "The basic tier allows at most 1 stores; upgrade the tier for more.",
                Map.of("limit", "stores", "max", 1));
        add(
                "widget_key_required",
                403,
                "Forbidden",
                "A secret key was sent to the widget API",
                "Secret keys must never be used in a browser; the widget API takes a pk_widget_ key.");
        add("agent_paused", 403, "Forbidden", "The widget key's agent instance is paused", "This assistant is paused.");
        add(
                "origin_required",
                403,
                "Forbidden",
                "A request without Origin, and the store does not allow server requests",
                "The widget API answers the store's web pages (requests with an Origin header); a store lets its own"
                        + " server call it by allowing server requests.");
        add(
                "origin_not_allowed",
                403,
                "Forbidden",
                "The page's origin is not one of the store's",
                "This widget key may not be used from this website.");
        // 404
        add(
                "not_found",
                404,
                "Not found",
                "No such object for this caller (also another organization's)",
                "No store with id 0b9e2a52-3c1f-4a55-9a4e-2f1d7f0c8e11.");
        // 406
        add(
                "not_acceptable",
                406,
                "Not Acceptable",
                "The Accept header asks for a type this operation cannot answer",
                "No acceptable representation");
        // 409
        add(
                "conflict",
                409,
                "Conflict",
                "An object with these values exists already",
                "An object with these values exists already.");
        add(
                "idempotency_key_in_use",
                409,
                "Conflict",
                "A request with this Idempotency-Key is still running (see Retry-After)",
                "A request with this Idempotency-Key is still in progress; retry when it has finished.");
        add(
                "agent_instance_paused",
                409,
                "Conflict",
                "The agent instance is paused",
                "This agent instance is paused; activate it first.");
        add(
                "conversation_resolved",
                409,
                "Conflict",
                "The conversation is resolved",
                "This conversation is resolved; start a new one.");
        add(
                "conversation_not_resolved",
                409,
                "Conflict",
                "The conversation is not resolved yet",
                "A conversation is rated once it is resolved.");
        add(
                "already_rated",
                409,
                "Conflict",
                "The conversation is rated already",
                "This conversation has been rated already.");
        add(
                "rating_not_requested",
                409,
                "Conflict",
                "No rating was asked for",
                "The person who resolved this conversation chose not to ask the shopper for a rating.");
        add(
                "identity_secret_required",
                409,
                "Conflict",
                "The agent instance has no identity secret",
                "Create an identity secret first: verification cannot be required without one.");
        add(
                "period_not_ended",
                409,
                "Conflict",
                "The period has not ended",
                "The period has not ended yet; a period can be closed once it is over.");
        add(
                "agent_definition_exists",
                409,
                "Conflict",
                "This version is published already",
                "Version 1.0.0 of customer_service is published already; published versions never change.");
        add(
                "api_key_inactive",
                409,
                "Conflict",
                "Only an active key can be rolled",
                "Only an active key can be rolled; this one is revoked.");
        add(
                "webhook_endpoint_disabled",
                409,
                "Conflict",
                "A disabled endpoint is sent nothing, a test event included",
                "The endpoint is disabled: enable it to send it a test event.");
        // 413, 415, 422
        add(
                "payload_too_large",
                413,
                "Payload too large",
                "The body is larger than the API accepts",
                "The request body may be at most 65536 bytes.",
                Map.of("max_bytes", 65536));
        add(
                "unsupported_media_type",
                415,
                "Unsupported Media Type",
                "The body is not application/json",
                "Content-Type 'text/plain' is not supported.");
        add(
                "idempotency_key_reused",
                422,
                "Idempotency key reused",
                "The Idempotency-Key was used with other parameters",
                "This Idempotency-Key was used with other parameters; use a new key for a new request.");
        // 429
        add(
                "rate_limited",
                429,
                "Too many requests",
                "The rate limit is exceeded (see Retry-After)",
                "Rate limit exceeded; retry after 1 s.",
                Map.of("policy", "default", "limit", 100, "rate_per_second", 50));
        add(
                "too_many_failed_attempts",
                429,
                "Too many failed attempts",
                "Too many wrong keys from this client or for this key (see Retry-After)",
                "Too many invalid API keys were presented; retry after 60 s.");
        // 5xx
        add(
                "internal_error",
                500,
                "Internal error",
                "Something went wrong on our side",
                "Something went wrong on our side; the request id identifies it.");
        add(
                "service_unavailable",
                503,
                "Service unavailable",
                "Keys cannot be checked right now (see Retry-After)",
                "The API key could not be checked right now; retry shortly.");
    }

    private ProblemCatalog() {}

    private static void add(String code, int status, String title, String summary, String detail) {
        add(code, status, title, summary, detail, Map.of());
    }

    private static void add(
            String code, int status, String title, String summary, String detail, Map<String, Object> members) {
        CODES.put(code, new Problem(code, status, title, summary, detail, members));
    }

    static Problem of(String code) {
        Problem problem = CODES.get(code);
        if (problem == null) {
            throw new IllegalArgumentException("Problem code '" + code + "' is not in the ProblemCatalog");
        }
        return problem;
    }

    /** The codes of one status, in the catalogue's order. */
    static List<String> ofStatus(int status) {
        return CODES.values().stream()
                .filter(p -> p.status() == status)
                .map(Problem::code)
                .toList();
    }
}
