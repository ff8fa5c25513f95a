package io.supportagent.tenancy;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * An organization's own prices and limits, set by the operator (normally for enterprise organizations). Every value is
 * optional: a missing one means the tier's default. Stored as {@code organizations.custom_pricing} (jsonb), in the
 * same snake_case JSON the API uses.
 *
 * @param baseFeeCents the monthly base fee in cents
 * @param includedConversations live conversations included per month
 * @param overageUnitPrice the price of each conversation beyond the included ones, in dollars, up to 6 decimals
 * @param rateLimitPerSecond live API requests per second
 * @param rateLimitBurst live API burst size
 */
public record CustomPricing(
        @PositiveOrZero Long baseFeeCents,
        @PositiveOrZero Integer includedConversations,

        @DecimalMin(value = "0", message = "must be at least 0")
        @Digits(integer = 12, fraction = 6, message = "at most 6 decimal places")
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        @Schema(
                type = "string",
                pattern = "^[0-9]{1,12}(\\.[0-9]{1,6})?$",
                example = "0.015",
                description = "Exact decimal, in dollars (a number is accepted too)")
        BigDecimal overageUnitPrice,

        @Schema(minimum = "1") @Positive Integer rateLimitPerSecond,
        @Schema(minimum = "1") @Positive Integer rateLimitBurst) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public CustomPricing {
        if (overageUnitPrice != null && overageUnitPrice.signum() >= 0) {
            // Exact, and without trailing zeros or an exponent, so that "0.050" and 0.05 are the same price.
            BigDecimal stripped = overageUnitPrice.stripTrailingZeros();
            overageUnitPrice = stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }
    }

    /** Reads the stored form; empty for a null column or one that is not valid pricing. */
    public static Optional<CustomPricing> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json, CustomPricing.class));
        } catch (JacksonException e) {
            // Written around the API (SQL by hand): unreadable pricing means the tier's plan, as billing reads it.
            return Optional.empty();
        }
    }

    public String toJson() {
        return JSON.writeValueAsString(this);
    }

    /** The base fee, or the given default when not set. */
    public long baseFeeCentsOr(long tierDefault) {
        return baseFeeCents != null ? baseFeeCents : tierDefault;
    }

    public int includedConversationsOr(int tierDefault) {
        return includedConversations != null ? includedConversations : tierDefault;
    }

    public BigDecimal overageUnitPriceOr(BigDecimal tierDefault) {
        return overageUnitPrice != null ? overageUnitPrice : tierDefault;
    }

    public int rateLimitPerSecondOr(int tierDefault) {
        return rateLimitPerSecond != null ? rateLimitPerSecond : tierDefault;
    }

    public int rateLimitBurstOr(int tierDefault) {
        return rateLimitBurst != null ? rateLimitBurst : tierDefault;
    }
}
