package io.supportagent.platform.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
 * Moments in request bodies are ISO-8601 text with a zone or offset ({@code 2026-11-01T09:30:00Z}), in the years 1 to
 * 9999: what PostgreSQL stores and every client writes. Anything else — a number, a five-digit or signed year such as
 * {@code +300000000-01-01T00:00:00Z} — answers 400 naming the field, instead of failing in the database.
 */
@Configuration(proxyBeanMethods = false)
class StrictInstants {

    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    @Bean
    JacksonModule strictInstantsModule() {
        return new SimpleModule("strict-instants").addDeserializer(Instant.class, new Deserializer());
    }

    static final class Deserializer extends StdScalarDeserializer<Instant> {

        Deserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getString().strip();
            Instant moment;
            try {
                moment = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .withOffsetSameInstant(ZoneOffset.UTC)
                        .toInstant();
            } catch (DateTimeException e) {
                throw new InvalidFormatException(
                        p, "must be an ISO-8601 moment such as 2026-11-01T09:30:00Z", text, Instant.class);
            }
            if (moment.isBefore(EARLIEST) || moment.isAfter(LATEST)) {
                throw new InvalidFormatException(p, "must be in the years 1 to 9999", text, Instant.class);
            }
            return moment;
        }
    }
}
