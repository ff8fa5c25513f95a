package io.supportagent.billing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Plans and alerting, with the defaults of SPEC §5. Any plan value can be overridden alone, for example
 * {@code SUPPORT_AGENT_BILLING_PLANS_PRO_OVERAGE_UNIT_PRICE=0.04}.
 *
 * @param currency ISO 4217 code, lower case, of every amount
 * @param alertThresholds percentages of the included conversations at which an organization is alerted
 */
@Validated
@ConfigurationProperties("support-agent.billing")
public record BillingSettings(
        @DefaultValue("usd") @Pattern(regexp = "[a-z]{3}") String currency,
        @DefaultValue({"90", "100"}) @NotEmpty List<@Min(1) @Max(1000) Integer> alertThresholds,
        @DefaultValue @Valid Plans plans) {

    public static final Plan BASIC = new Plan(4_900L, 1_000, new BigDecimal("0.10"));
    public static final Plan PRO = new Plan(19_900L, 10_000, new BigDecimal("0.05"));
    public static final Plan ENTERPRISE = new Plan(99_900L, 100_000, new BigDecimal("0.02"));

    public BillingSettings {
        plans = new Plans(
                Plan.merge(plans.basic(), BASIC),
                Plan.merge(plans.pro(), PRO),
                Plan.merge(plans.enterprise(), ENTERPRISE));
    }

    /** The three tiers' plans; a plan or a value left out takes the default. */
    public record Plans(
            @Valid Plan basic, @Valid Plan pro, @Valid Plan enterprise) {}

    /**
     * @param baseFeeCents the monthly base fee in cents
     * @param overageUnitPrice the price of one conversation beyond the included ones, in currency units (dollars),
     *     exact; fractions of a cent are allowed
     */
    public record Plan(
            @Min(0) Long baseFeeCents,
            @Min(0) Integer includedConversations,
            @DecimalMin("0") BigDecimal overageUnitPrice) {

        static Plan merge(Plan given, Plan defaults) {
            if (given == null) {
                return defaults;
            }
            return new Plan(
                    given.baseFeeCents() != null ? given.baseFeeCents() : defaults.baseFeeCents(),
                    given.includedConversations() != null
                            ? given.includedConversations()
                            : defaults.includedConversations(),
                    given.overageUnitPrice() != null ? given.overageUnitPrice() : defaults.overageUnitPrice());
        }
    }
}
