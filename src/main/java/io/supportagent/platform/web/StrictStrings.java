package io.supportagent.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Text fields of request bodies take JSON strings only (no numbers or booleans turned into text), and never NUL
 * characters or unpaired UTF-16 surrogates: PostgreSQL cannot store the first, and the second would silently turn
 * into '?' on the way to UTF-8. Either answers 400 naming the field, before anything is stored.
 */
@Configuration(proxyBeanMethods = false)
class StrictStrings {

    @Bean
    JacksonModule strictStringsModule() {
        return new SimpleModule("strict-strings").addDeserializer(String.class, new Deserializer());
    }

    static final class Deserializer extends StdScalarDeserializer<String> {

        Deserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String text = p.getString();
            String problem = CleanText.problem(text);
            if (problem != null) {
                throw new InvalidFormatException(p, problem, text, String.class);
            }
            return text;
        }
    }
}
