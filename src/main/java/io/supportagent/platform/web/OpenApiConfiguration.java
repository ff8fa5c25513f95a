package io.supportagent.platform.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.supportagent.platform.Caller;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description at {@code /v3/api-docs} (browsable at {@code /swagger-ui.html}): every route, with the
 * security scheme its prefix requires: secret keys on {@code /v1}, widget keys on {@code /widget/v1}, the operator
 * token on {@code /platform/v1}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String SECRET_KEY = "secret_key";
    static final String WIDGET_KEY = "widget_key";
    static final String OPERATOR_TOKEN = "operator_token";

    static {
        // The authenticated caller is injected from the request, never sent by clients.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        // Free-form JSON (configs, metadata) is an object to clients, not Jackson's node API.
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema());
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
                .info(new Info()
                        .title("Support Agent Platform API")
                        .version("v1")
                        .description("Organization API (/v1), widget API (/widget/v1) and platform API"
                                + " (/platform/v1). Errors are RFC 9457 problem+json with a stable 'code'."))
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
                                        .description("The public pk_widget_… key of one agent instance."))
                        .addSecuritySchemes(
                                OPERATOR_TOKEN,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("The platform operator's token.")));
    }

    /** Every POST of the three APIs takes an {@code Idempotency-Key} (the idempotency module's filter). */
    @Bean
    OpenApiCustomizer idempotencyKeyOnEveryPost() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (item.getPost() != null && schemeOf(path) != null) {
                    item.getPost()
                            .addParametersItem(new HeaderParameter()
                                    .name("Idempotency-Key")
                                    .required(false)
                                    .schema(new StringSchema().maxLength(255))
                                    .description("Makes a retry safe: the same key with the same request within 24 h"
                                            + " gets the first answer again (Idempotent-Replayed: true); with another"
                                            + " request 422 idempotency_key_reused; while the first still runs 409"
                                            + " idempotency_key_in_use."));
                }
            });
        };
    }

    @Bean
    OpenApiCustomizer securityByPrefix() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                String scheme = schemeOf(path);
                if (scheme != null) {
                    item.readOperations()
                            .forEach(operation -> operation.setSecurity(
                                    java.util.List.of(new SecurityRequirement().addList(scheme))));
                }
            });
        };
    }

    /** The security scheme of the API a path belongs to; null outside the three APIs. */
    private static String schemeOf(String path) {
        return path.startsWith("/v1/")
                ? SECRET_KEY
                : path.startsWith("/widget/v1/")
                        ? WIDGET_KEY
                        : path.startsWith("/platform/v1/") ? OPERATOR_TOKEN : null;
    }
}
