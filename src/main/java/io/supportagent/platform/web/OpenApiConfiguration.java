package io.supportagent.platform.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.supportagent.platform.Caller;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI 3.1 description at {@code /v3/api-docs} (browsable at {@code /swagger-ui.html}), complete enough to
 * generate clients from. Controllers describe their operations ({@code @Operation}: id, summary, description;
 * {@code @Tag}: their module; {@link RequestExample}; {@link ProblemResponse} for errors particular to them). What
 * every operation of an API shares is added here from the path, so that a route added later is described too:
 *
 * <ul>
 *   <li>the credential: secret keys on {@code /v1}, the widget key on {@code /widget/v1} (and the conversation's token
 *       under {@code /widget/v1/conversations/{id}}), the operator token on {@code /platform/v1}, none elsewhere;
 *   <li>every error answer, as {@code application/problem+json} with the {@code code}s it can carry there (one example
 *       per code, from {@link ProblemCatalog}): the API's authentication, rate limit and failure answers, 400 for
 *       query parameters and bodies, 404 for ids in the path, 413/415 for bodies, 406 for JSON answers, and 409/422
 *       for the {@code Idempotency-Key} of every POST;
 *   <li>the {@code Idempotency-Key} header of every POST, and the rate-limit headers of the answers.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String SECRET_KEY = "secret_key";
    static final String WIDGET_KEY = "widget_key";
    static final String CONVERSATION_TOKEN = "conversation_token";
    static final String OPERATOR_TOKEN = "operator_token";
    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    /** Where the operation's own {@link ProblemResponse}s wait for {@link #errorAnswers()}; removed there. */
    private static final String DECLARED = "x-declared-problems";

    static {
        // The authenticated caller is injected from the request, never sent by clients.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        // Free-form JSON (configs, metadata) is an object to clients, not Jackson's node API.
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema());
    }

    /** The three APIs (and the public script), told apart by their path prefix. */
    enum Api {
        ORGANIZATION("/v1/", List.of(SECRET_KEY), true),
        WIDGET("/widget/v1/", List.of(WIDGET_KEY), true),
        PLATFORM("/platform/v1/", List.of(OPERATOR_TOKEN), false),
        PUBLIC("/", List.of(), false);

        final String prefix;
        final List<String> schemes;
        final boolean rateLimited;

        Api(String prefix, List<String> schemes, boolean rateLimited) {
            this.prefix = prefix;
            this.schemes = schemes;
            this.rateLimited = rateLimited;
        }

        static Api of(String path) {
            for (Api api : values()) {
                if (path.startsWith(api.prefix)) {
                    return api;
                }
            }
            return PUBLIC;
        }

        /** The credentials an operation on {@code path} needs, all of them together. */
        List<String> schemes(String path) {
            if (this == WIDGET && path.startsWith("/widget/v1/conversations/")) {
                return List.of(WIDGET_KEY, CONVERSATION_TOKEN);
            }
            return schemes;
        }

        /** What the API's filters answer before any handler runs, by status. */
        Map<Integer, List<String>> errors() {
            return switch (this) {
                case ORGANIZATION ->
                    Map.of(
                            400,
                            List.of("malformed_url"),
                            401,
                            List.of(
                                    "missing_api_key",
                                    "invalid_authorization_header",
                                    "invalid_api_key",
                                    "api_key_revoked",
                                    "api_key_expired"),
                            403,
                            List.of("secret_key_required", "organization_suspended"),
                            429,
                            List.of("rate_limited", "too_many_failed_attempts"),
                            500,
                            List.of("internal_error"),
                            503,
                            List.of("service_unavailable"));
                case WIDGET ->
                    Map.of(
                            400,
                            List.of("malformed_url"),
                            401,
                            List.of("missing_widget_key", "invalid_widget_key"),
                            403,
                            List.of(
                                    "widget_key_required",
                                    "agent_paused",
                                    "organization_suspended",
                                    "origin_not_allowed",
                                    "origin_required"),
                            429,
                            List.of("rate_limited"),
                            500,
                            List.of("internal_error"),
                            503,
                            List.of("service_unavailable"));
                case PLATFORM ->
                    Map.of(
                            400,
                            List.of("malformed_url"),
                            401,
                            List.of("invalid_operator_token"),
                            500,
                            List.of("internal_error"));
                case PUBLIC -> Map.of(400, List.of("malformed_url"), 500, List.of("internal_error"));
            };
        }
    }

    /**
     * Schemas with the names on the wire. springdoc reads models through swagger-core's own Jackson 2 mapper, which
     * knows nothing of the application's Jackson 3 {@code SNAKE_CASE}: without this every property would be
     * documented in camelCase (springdoc issue 3175).
     */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OpenAPI supportAgentOpenApi() {
        return new OpenAPI()
                // Relative: the server that serves this description (a generated client is given its base URL).
                .servers(List.of(new Server().url("/").description("This server")))
                .info(new Info()
                        .title("Support Agent Platform API")
                        .version("v1")
                        .description(DESCRIPTION)
                        // The platform's own terms; named so that generated clients and linters find a licence.
                        .license(new License()
                                .name("Proprietary: Support Agent Platform terms of service")
                                .identifier("LicenseRef-Proprietary")))
                .tags(List.of(
                        tag(
                                ApiTags.ORGANIZATIONS,
                                "The caller's organization (tier, limits); the operator creates,"
                                        + " lists and changes organizations."),
                        tag(ApiTags.STORES, "An organization's online stores, limited in number by the tier."),
                        tag(ApiTags.API_KEYS, "Secret keys: issue (shown once), list, revoke, roll with overlap."),
                        tag(
                                ApiTags.AGENTS,
                                "Agent definitions (versions the operator publishes) and agent instances"
                                        + " (a version deployed on a store, with its public widget key)."),
                        tag(
                                ApiTags.CONVERSATIONS,
                                "Conversations with shoppers: start (counted as usage in live"
                                        + " mode), messages and the agent's replies, hand-off to people, resolution."),
                        tag(ApiTags.KNOWLEDGE, "The articles and orders the agent answers from."),
                        tag(
                                ApiTags.USAGE,
                                "Counted conversations: the running month, past months and the usage"
                                        + " ledger of every counted conversation."),
                        tag(ApiTags.BILLING, "Invoices, the running month's preview, and the operator's billing runs."),
                        tag(ApiTags.WEBHOOKS, "Where events such as usage.threshold_crossed are delivered, signed."),
                        tag(
                                ApiTags.AUDIT,
                                "Who did what and when: keys, members, agent instances, tiers, articles, by"
                                        + " members, keys and the operator."),
                        tag(
                                ApiTags.WIDGET,
                                "What a shopper's browser calls with an agent instance's public key, and"
                                        + " the script that embeds the chat.")))
                .components(new Components()
                        .addSecuritySchemes(
                                SECRET_KEY,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("sk_live_… / sk_test_…")
                                        .description("An organization's secret key. A test key (sk_test_) sees and"
                                                + " creates only test-mode conversations, webhook endpoints and keys;"
                                                + " it may read stores, agent instances, articles and orders, which"
                                                + " both modes share, but changing them answers 403"
                                                + " live_mode_required."))
                        .addSecuritySchemes(
                                WIDGET_KEY,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-Widget-Key")
                                        .description("The public pk_widget_… key of one agent instance; the browser's"
                                                + " Origin must be one of its store's allowed origins."))
                        .addSecuritySchemes(
                                CONVERSATION_TOKEN,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-Conversation-Token")
                                        .description("The ct_… token that starting a widget conversation answers:"
                                                + " it opens that one conversation (with the widget key)."))
                        .addSecuritySchemes(
                                OPERATOR_TOKEN,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("The platform operator's token (from configuration)."))
                        .addHeaders(
                                "Retry-After",
                                header(
                                        "Seconds until a retry can succeed.",
                                        new IntegerSchema().minimum(java.math.BigDecimal.ONE)))
                        .addHeaders(
                                "RateLimit",
                                header(
                                        "Requests left now (r) and seconds until the bucket is full again (t), per"
                                                + " policy: \"default\";r=17;t=1 (draft-ietf-httpapi-ratelimit-headers).",
                                        new StringSchema()))
                        .addHeaders(
                                "RateLimit-Policy",
                                header(
                                        "The policies that apply: burst (q) and seconds an empty bucket needs to"
                                                + " refill (w): \"default\";q=20;w=2.",
                                        new StringSchema()))
                        .addHeaders("WWW-Authenticate", header("The credential the API expects.", new StringSchema()))
                        .addHeaders(
                                "Idempotent-Replayed",
                                header(
                                        "true when this is the stored answer to an earlier request with the same"
                                                + " Idempotency-Key.",
                                        new StringSchema()._enum(List.of("true")))));
    }

    static final String DESCRIPTION = """
            The Support Agent Platform's three APIs: the **organization API** (`/v1`, an organization's secret key), \
            the **widget API** (`/widget/v1`, an agent instance's public widget key, called by shoppers' browsers) \
            and the **platform API** (`/platform/v1`, the operator's token).

            - JSON with snake_case fields; ids are UUIDs; timestamps ISO-8601 UTC; amounts in integer cents, unit \
            prices as exact decimal strings.
            - Lists: `{"object": "list", "data": [...], "has_more": true, "url": "/v1/stores"}`, newest first; \
            `limit` (1–100, default 20) and `starting_after` (the last id of the previous page).
            - Errors: RFC 9457 `application/problem+json` with a stable machine-readable `code`; each operation \
            lists, per status, the codes it can answer, with an example of each. Another organization's ids answer \
            404 `not_found`, exactly like ids that do not exist.
            - `Idempotency-Key` on every POST: a retry within 24 h gets the first answer again.
            - Rate limits per organization and mode (organization API) and per widget key and client (widget API): \
            answers carry `RateLimit` and `RateLimit-Policy`; a refusal is 429 `rate_limited` with `Retry-After`.
            - Test keys (`sk_test_`) see and make only test-mode conversations, keys and webhook endpoints; test \
            mode counts no usage.""";

    private static Tag tag(String name, String description) {
        return new Tag().name(name).description(description);
    }

    private static Header header(String description, Schema<?> schema) {
        return new Header().description(description).schema(schema);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put(
                "type", new StringSchema().format("uri").description("Identifies the problem: its code's page."));
        properties.put("title", new StringSchema().description("Short and the same for every occurrence."));
        properties.put("status", new IntegerSchema().description("The HTTP status."));
        properties.put("detail", new StringSchema().description("What went wrong this time, for people."));
        properties.put("instance", new StringSchema().description("The path of the request, when known."));
        properties.put(
                "code",
                new StringSchema()
                        .description("Stable and machine-readable: what went wrong (validation_failed, not_found,"
                                + " invalid_api_key, rate_limited, …). Each operation lists the codes it can answer."));
        properties.put(
                "request_id",
                new StringSchema().description("The request's X-Request-Id, which every log line of it carries."));
        properties.put(
                "errors",
                new MapSchema()
                        .additionalProperties(new StringSchema())
                        .description("validation_failed: the fields or parameters that are invalid, and why."));
        // Members some problems add.
        properties.put(
                "limit",
                new Schema<>()
                        .description("tier_limit_reached: what is limited (stores, agent_instances);"
                                + " rate_limited: the policy's burst."));
        properties.put("max", new IntegerSchema().description("tier_limit_reached: the tier's maximum."));
        properties.put("usage_cap", new IntegerSchema().description("usage_limit_reached: the organization's cap."));
        properties.put("period", new StringSchema().description("usage_limit_reached: the billing period, YYYY-MM."));
        properties.put(
                "policy",
                new StringSchema()
                        .description("rate_limited: the policy refused (default, widget_client," + " widget_key)."));
        properties.put(
                "rate_per_second", new NumberSchema().description("rate_limited: the policy's requests per second."));
        properties.put("max_bytes", new IntegerSchema().description("payload_too_large: the largest body accepted."));
        Schema problem = new ObjectSchema()
                .description("RFC 9457 problem details, with a stable code.")
                .required(List.of("type", "title", "status", "code"));
        problem.setProperties(properties);
        return problem;
    }

    /**
     * Reads what controllers declare on a handler method: its particular problem answers (kept on the operation
     * until {@link #errorAnswers()} knows the path) and its request example.
     */
    @Bean
    OperationCustomizer declaredProblemsAndExamples() {
        return (operation, handler) -> {
            Map<String, List<String>> declared = new TreeMap<>();
            for (ProblemResponse problem :
                    AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(), ProblemResponse.class)) {
                for (String code : problem.codes()) {
                    if (ProblemCatalog.of(code).status() != problem.status()) {
                        throw new IllegalStateException(code + " is answered with "
                                + ProblemCatalog.of(code).status() + ", not " + problem.status() + " ("
                                + handler.getMethod() + ")");
                    }
                }
                declared.computeIfAbsent(Integer.toString(problem.status()), s -> new ArrayList<>())
                        .addAll(List.of(problem.codes()));
            }
            if (!declared.isEmpty()) {
                operation.addExtension(DECLARED, declared);
            }
            RequestExample example = handler.getMethodAnnotation(RequestExample.class);
            if (example != null && operation.getRequestBody() != null) {
                MediaType json = operation.getRequestBody().getContent().get("application/json");
                if (json == null) {
                    throw new IllegalStateException("No JSON body to give an example to: " + handler.getMethod());
                }
                try {
                    json.addExamples(
                            "request",
                            new Example()
                                    .summary(example.summary())
                                    .value(Json.mapper().readTree(example.value())));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("Invalid example JSON on " + handler.getMethod(), e);
                }
            }
            return operation;
        };
    }

    /** Every POST of the three APIs takes an {@code Idempotency-Key} (the idempotency module's filter). */
    @Bean
    OpenApiCustomizer idempotencyKeyOnEveryPost() {
        return openApi -> eachOperation(openApi, (path, method, operation) -> {
            if (method == PathItem.HttpMethod.POST && Api.of(path) != Api.PUBLIC) {
                operation.addParametersItem(
                        new HeaderParameter()
                                .name("Idempotency-Key")
                                .required(false)
                                .schema(new StringSchema().minLength(1).maxLength(255))
                                .example("3c4f1a6e-5b7d-4a8e-9f21-0d6b8c2e7a90")
                                .description(
                                        "Makes a retry safe: the same key with the same request within 24 h gets"
                                                + " the first answer again (Idempotent-Replayed: true); with another request 422"
                                                + " idempotency_key_reused; while the first still runs 409 idempotency_key_in_use with Retry-After."));
            }
        });
    }

    @Bean
    OpenApiCustomizer securityByPrefix() {
        return openApi -> eachOperation(openApi, (path, method, operation) -> {
            SecurityRequirement requirement = new SecurityRequirement();
            Api.of(path).schemes(path).forEach(requirement::addList);
            // A public route says so (an empty requirement), rather than saying nothing.
            operation.setSecurity(requirement.isEmpty() ? List.of() : List.of(requirement));
        });
    }

    /**
     * Every operation's error answers, each {@code application/problem+json} with the codes it can carry and an
     * example of each; and the headers of its answers.
     */
    @Bean
    OpenApiCustomizer errorAnswers() {
        return openApi -> {
            Map<String, Example> examples = new TreeMap<>();
            eachOperation(openApi, (path, method, operation) -> {
                Api api = Api.of(path);
                Map<Integer, Set<String>> errors = new TreeMap<>();
                api.errors().forEach((status, codes) -> add(errors, status, codes));
                add(errors, 400, List.of("secret_key_in_url"));
                boolean body = operation.getRequestBody() != null;
                boolean query = operation.getParameters() != null
                        && operation.getParameters().stream().anyMatch(p -> "query".equals(p.getIn()));
                if (body || query) {
                    add(errors, 400, List.of("validation_failed"));
                }
                if (body) {
                    add(errors, 400, List.of("malformed_request"));
                    add(errors, 413, List.of("payload_too_large"));
                    add(errors, 415, List.of("unsupported_media_type"));
                }
                if (path.contains("{")) {
                    add(errors, 404, List.of("not_found"));
                }
                if (api != Api.PUBLIC) {
                    add(errors, 406, List.of("not_acceptable"));
                    if (method == PathItem.HttpMethod.POST) {
                        add(errors, 409, List.of("idempotency_key_in_use"));
                        add(errors, 422, List.of("idempotency_key_reused"));
                    }
                }
                declared(operation).forEach((status, codes) -> add(errors, status, codes));

                ApiResponses responses = operation.getResponses();
                // A 304 has no body (springdoc would give it the default media type).
                responses.forEach((status, response) -> {
                    if (status.equals("304")) {
                        response.setContent(null);
                    }
                });
                if (api.rateLimited) {
                    responses.forEach((status, response) -> {
                        if (status.startsWith("2")) {
                            response.addHeaderObject("RateLimit", ref("headers", "RateLimit"));
                            response.addHeaderObject("RateLimit-Policy", ref("headers", "RateLimit-Policy"));
                        }
                    });
                }
                if (method == PathItem.HttpMethod.POST && api != Api.PUBLIC) {
                    responses.forEach((status, response) -> {
                        if (status.startsWith("2")) {
                            response.addHeaderObject("Idempotent-Replayed", ref("headers", "Idempotent-Replayed"));
                        }
                    });
                }
                errors.forEach((status, codes) -> {
                    responses.addApiResponse(Integer.toString(status), problemResponse(api, status, codes));
                    codes.forEach(code -> examples.computeIfAbsent(code, OpenApiConfiguration::example));
                });
            });
            examples.forEach((code, example) -> openApi.getComponents().addExamples(code, example));
            // Here rather than on the OpenAPI bean, which springdoc copies through JSON (and cannot read a map
            // schema back).
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
        };
    }

    /** The parameters every list and every object route shares, described once. */
    @Bean
    OpenApiCustomizer commonParameters() {
        return openApi -> eachOperation(openApi, (path, method, operation) -> {
            if (operation.getParameters() == null) {
                return;
            }
            for (var parameter : operation.getParameters()) {
                if ("query".equals(parameter.getIn())) {
                    queryRule(path, parameter);
                }
                if (parameter.getDescription() != null) {
                    continue;
                }
                switch (parameter.getIn() + " " + parameter.getName()) {
                    case "query limit" -> {
                        parameter.setDescription("How many objects to answer, 1 to 100 (default 20).");
                        parameter.getSchema().setMinimum(java.math.BigDecimal.ONE);
                        parameter.getSchema().setMaximum(java.math.BigDecimal.valueOf(Pagination.MAX_LIMIT));
                    }
                    case "query starting_after" ->
                        parameter.setDescription("The cursor: the id of the last object of the previous page.");
                    case "query store_id" -> parameter.setDescription("Only those of this store.");
                    case "query agent_instance_id" -> parameter.setDescription("Only those of this agent instance.");
                    case "query type" -> parameter.setDescription("Only versions of this type (customer_service).");
                    case "query period" -> parameter.setDescription("The billing period, as YYYY-MM.");
                    case "path id", "path storeId" ->
                        parameter.setDescription("The object's id (another organization's answers 404).");
                    default -> {}
                }
            }
        });
    }

    /**
     * What the handlers take in the shared query parameters, said in their schemas: ids (empty is the same as left
     * out, see {@link Pagination#id}), months, moments and the conversation statuses.
     */
    private static void queryRule(String path, io.swagger.v3.oas.models.parameters.Parameter parameter) {
        if (parameter.getSchema() == null
                || !"string".equals(parameter.getSchema().getType())) {
            return;
        }
        if (!Set.of(
                        "starting_after",
                        "store_id",
                        "agent_instance_id",
                        "period",
                        "created[gte]",
                        "created[lt]",
                        "created_gte",
                        "created_lt",
                        "status")
                .contains(parameter.getName())) {
            return;
        }
        // A schema of its own: springdoc shares one text schema between the parameters of a type.
        StringSchema schema = new StringSchema();
        schema.setDescription(parameter.getSchema().getDescription());
        parameter.setSchema(schema);
        switch (parameter.getName()) {
            case "starting_after" -> {
                if (path.equals("/v1/usage/history")) {
                    // A month; empty is the same as left out.
                    schema.setPattern(
                            "^(?:" + SchemaPatterns.MONTH.substring(1, SchemaPatterns.MONTH.length() - 1) + ")?$");
                } else if (path.endsWith("/articles")) {
                    schema.setPattern("^" + SchemaPatterns.ID + "$");
                } else {
                    schema.setPattern("^(?:" + SchemaPatterns.ID + ")?$");
                }
            }
            case "store_id", "agent_instance_id" -> schema.setPattern("^(?:" + SchemaPatterns.ID + ")?$");
            case "period" -> {
                schema.setPattern(SchemaPatterns.MONTH);
                if (path.equals("/platform/v1/invoices")) {
                    parameter.setRequired(true);
                }
            }
            // A moment, or empty (the same as left out; the audit log's filters take blank text too).
            case "created[gte]", "created[lt]", "created_gte", "created_lt" ->
                schema.anyOf(List.of(
                        new StringSchema().format("date-time"),
                        path.equals("/v1/audit-events")
                                ? new StringSchema().pattern("^[\\t-\\r\\x1C-\\x20]*$")
                                : new StringSchema().maxLength(0)));
            case "status" -> {
                if (path.equals("/v1/conversations")) {
                    schema.setEnum(List.of("open", "handed_off", "resolved"));
                }
            }
            default -> {}
        }
    }

    private static Map<Integer, List<String>> declared(Operation operation) {
        Map<Integer, List<String>> declared = new TreeMap<>();
        if (operation.getExtensions() != null && operation.getExtensions().get(DECLARED) instanceof Map<?, ?> map) {
            map.forEach((status, codes) -> {
                List<String> list = new ArrayList<>();
                ((List<?>) codes).forEach(code -> list.add((String) code));
                declared.put(Integer.valueOf((String) status), list);
            });
            operation.getExtensions().remove(DECLARED);
            if (operation.getExtensions().isEmpty()) {
                operation.setExtensions(null);
            }
        }
        return declared;
    }

    private static void add(Map<Integer, Set<String>> errors, int status, List<String> codes) {
        errors.computeIfAbsent(status, s -> new LinkedHashSet<>()).addAll(codes);
    }

    private static ApiResponse problemResponse(Api api, int status, Set<String> codes) {
        MediaType problem = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
        for (String code : codes) {
            problem.addExamples(code, new Example().$ref("#/components/examples/" + code));
        }
        ApiResponse response = new ApiResponse()
                .description(HttpStatus.valueOf(status).getReasonPhrase() + " (" + String.join(", ", codes) + ")")
                .content(new Content().addMediaType(PROBLEM_JSON, problem));
        if (status == 401) {
            response.addHeaderObject("WWW-Authenticate", ref("headers", "WWW-Authenticate"));
        }
        if (status == 429 || status == 503 || codes.contains("idempotency_key_in_use")) {
            response.addHeaderObject("Retry-After", ref("headers", "Retry-After"));
        }
        if (status == 429 && api.rateLimited) {
            response.addHeaderObject("RateLimit", ref("headers", "RateLimit"));
            response.addHeaderObject("RateLimit-Policy", ref("headers", "RateLimit-Policy"));
        }
        return response;
    }

    private static Header ref(String kind, String name) {
        return new Header().$ref("#/components/" + kind + "/" + name);
    }

    private static Example example(String code) {
        ProblemCatalog.Problem p = ProblemCatalog.of(code);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://docs.supportagent.io/errors#" + code);
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("detail", p.detail());
        body.put("code", code);
        body.put("request_id", "req_6f1c2b9e-4d3a-4c7e-8b5f-2a9d0e1f3c4b");
        body.putAll(p.members());
        return new Example().summary(p.summary()).value(body);
    }

    interface OperationVisitor {
        void visit(String path, PathItem.HttpMethod method, Operation operation);
    }

    static void eachOperation(OpenAPI openApi, OperationVisitor visitor) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> visitor.visit(path, method, operation)));
    }
}
