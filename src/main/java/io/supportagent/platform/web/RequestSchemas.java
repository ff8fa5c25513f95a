package io.supportagent.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Annotation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request bodies' schemas say exactly what the application takes, so that a client (or a contract sweep)
 * generated from the description neither sends what is refused nor expects accepted what is not:
 *
 * <ul>
 *   <li>a property unknown to the schema is refused (Jackson's fail-on-unknown-properties): {@code
 *       additionalProperties: false};
 *   <li>an optional property may be sent as {@code null}, read as if it were left out (or, where an operation says
 *       so, as clearing it);
 *   <li>text never holds a NUL character (PostgreSQL cannot store it, {@link CleanText}), and text that must not be
 *       blank ({@code @NotBlank}) holds a character other than spaces and control characters — what Bean
 *       Validation's {@code trim()} keeps.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class RequestSchemas {

    @Bean
    PropertyCustomizer notBlankText() {
        return (property, type) -> {
            if (property == null || type.getCtxAnnotations() == null) {
                return property;
            }
            for (Annotation annotation : type.getCtxAnnotations()) {
                if (annotation instanceof NotBlank && property.getPattern() == null
                        || annotation instanceof Pattern pattern
                                && pattern.regexp().equals(CleanText.NOT_BLANK)) {
                    notBlank(property);
                }
            }
            return property;
        };
    }

    static void notBlank(Schema<?> property) {
        if (property.getMinLength() == null || property.getMinLength() < 1) {
            property.setMinLength(1);
        }
        property.setPattern(CleanText.NOT_BLANK_SCHEMA);
    }

    /**
     * Optional properties that may not be sent as null: a merge patch's null would clear them, and they cannot be
     * cleared.
     */
    private static final Set<String> NEVER_NULL =
            Set.of("OrganizationPatch.name", "OrganizationPatch.tier", "OrganizationPatch.status");

    @Bean
    OpenApiCustomizer requestBodiesSayWhatTheyTake() {
        return openApi -> {
            openApi.getComponents().addSchemas("TimeZone", timeZones());
            Map<String, Schema> components = openApi.getComponents().getSchemas();
            for (String name : requestSchemas(openApi, components)) {
                Schema<?> schema = components.get(name);
                if (schema == null || schema.getProperties() == null) {
                    continue;
                }
                schema.setAdditionalProperties(false);
                List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
                for (var property : schema.getProperties().entrySet()) {
                    Schema<?> p = property.getValue();
                    if (CleanText.NOT_BLANK.equals(p.getPattern())) {
                        p.setPattern(CleanText.NOT_BLANK_SCHEMA); // the @Pattern's Java form, copied after us
                    }
                    if (CleanText.NOT_BLANK_SCHEMA.equals(p.getPattern())
                            && (p.getMinLength() == null || p.getMinLength() < 1)) {
                        p.setMinLength(1); // @Size(max = …) says 0 after the property customizer ran
                    }
                    text(p);
                    if (p.getItems() != null) {
                        text(p.getItems());
                    }
                    if (!required.contains(property.getKey()) && !NEVER_NULL.contains(name + "." + property.getKey())) {
                        property.setValue(nullable(p));
                    }
                }
            }
        };
    }

    /**
     * Every zone java.time knows (what the tenancy module's check takes), so that any of them is accepted; with the
     * names generated clients give them ({@code x-enum-varnames}): theirs would make Etc/GMT+1 and Etc/GMT-1 the same.
     */
    private static Schema<String> timeZones() {
        List<String> zones = new java.util.TreeSet<>(java.time.ZoneId.getAvailableZoneIds())
                .stream().toList();
        Set<String> names = new LinkedHashSet<>();
        for (String zone : zones) {
            String name = zone.replace("+", "_PLUS_")
                    .replaceAll("-(?=[0-9])", "_MINUS_")
                    .replaceAll("[^A-Za-z0-9]+", "_")
                    .toUpperCase(java.util.Locale.ROOT);
            String unique = name;
            for (int i = 2; !names.add(unique); i++) {
                unique = name + "_" + i;
            }
        }
        Schema<String> schema = new io.swagger.v3.oas.models.media.StringSchema()
                ._enum(zones)
                .description("An IANA time zone, such as Europe/Berlin.");
        schema.addExtension("x-enum-varnames", List.copyOf(names));
        return schema;
    }

    /** The component schemas that request bodies use, directly or through their properties and items. */
    private static Set<String> requestSchemas(OpenAPI openApi, Map<String, Schema> components) {
        Set<String> names = new LinkedHashSet<>();
        Deque<Schema<?>> todo = new ArrayDeque<>();
        OpenApiConfiguration.eachOperation(openApi, (path, method, operation) -> {
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                operation.getRequestBody().getContent().values().forEach(media -> {
                    if (media.getSchema() != null) {
                        todo.add(media.getSchema());
                    }
                });
            }
        });
        while (!todo.isEmpty()) {
            Schema<?> schema = todo.pop();
            if (schema.get$ref() != null) {
                String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
                if (names.add(name) && components.get(name) != null) {
                    todo.add(components.get(name));
                }
                continue;
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(todo::add);
            }
            if (schema.getItems() != null) {
                todo.add(schema.getItems());
            }
            for (List<Schema> parts : new ArrayList<>(List.of(
                    schema.getAnyOf() == null ? List.<Schema>of() : schema.getAnyOf(),
                    schema.getOneOf() == null ? List.<Schema>of() : schema.getOneOf(),
                    schema.getAllOf() == null ? List.<Schema>of() : schema.getAllOf()))) {
                parts.forEach(todo::add);
            }
        }
        return names;
    }

    private static void text(Schema<?> p) {
        if (isString(p) && p.getPattern() == null && p.getFormat() == null && p.getEnum() == null) {
            p.setPattern(CleanText.NO_NUL_SCHEMA);
        }
    }

    private static boolean isString(Schema<?> p) {
        return "string".equals(p.getType())
                || (p.getTypes() != null && p.getTypes().contains("string"));
    }

    /** The property, or null: a reference becomes {@code anyOf} it and null; an enumeration lists null too. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema nullable(Schema<?> p) {
        if (p.get$ref() != null) {
            return new Schema<>()
                    .anyOf(List.of(new Schema<>().$ref(p.get$ref()), new Schema<>().types(Set.of("null"))))
                    .description(p.getDescription());
        }
        Set<String> types = new LinkedHashSet<>();
        if (p.getTypes() != null) {
            types.addAll(p.getTypes());
        } else if (p.getType() != null) {
            types.add(p.getType());
        }
        if (types.isEmpty() || types.contains("null")) {
            return p;
        }
        types.add("null");
        p.setTypes(types);
        if (p.getEnum() != null && !p.getEnum().contains(null)) {
            List values = new ArrayList<>(p.getEnum());
            values.add(null);
            ((Schema) p).setEnum(values);
        }
        return p;
    }
}
