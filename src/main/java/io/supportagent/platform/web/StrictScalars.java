package io.supportagent.platform.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.type.LogicalType;

/**
 * Numbers, booleans and enumerations of request bodies take the JSON type the API description gives them, nothing
 * else: {@code "1"} is no integer, {@code 1} no boolean and no tier (Jackson would read it as the second one). A
 * client generated from the description never sends them, and a value that is silently read as something else hides
 * the client's bug. Exact decimals (unit prices) are documented as strings and keep reading them.
 */
@Configuration(proxyBeanMethods = false)
class StrictScalars {

    @Bean
    JsonMapperBuilderCustomizer strictScalarCoercion() {
        return builder -> builder.withCoercionConfig(
                        LogicalType.Integer,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Enum, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    }
}
