package io.supportagent.billing;

import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.Tier;
import io.supportagent.tenancy.TierChange;
import io.supportagent.usage.BillingPeriod;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Prices: the configured plans, an organization's custom pricing over them, and a period's tiers day by day. */
@Component
public class PriceBook {

    private static final Logger log = LoggerFactory.getLogger(PriceBook.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final BillingSettings settings;

    public PriceBook(BillingSettings settings) {
        this.settings = settings;
    }

    public BillingSettings settings() {
        return settings;
    }

    /** The tier's plan, with the organization's custom pricing (any of its keys) laid over it. */
    public PriceTerms terms(Tier tier, String customPricingJson) {
        BillingSettings.Plan plan = switch (tier) {
            case BASIC -> settings.plans().basic();
            case PRO -> settings.plans().pro();
            case ENTERPRISE -> settings.plans().enterprise();
        };
        long baseFee = plan.baseFeeCents();
        int included = plan.includedConversations();
        BigDecimal unitPrice = plan.overageUnitPrice();
        if (customPricingJson != null && !customPricingJson.isBlank()) {
            try {
                JsonNode custom = JSON.readTree(customPricingJson);
                if (custom.hasNonNull("base_fee_cents")) {
                    baseFee = custom.get("base_fee_cents").longValue();
                }
                if (custom.hasNonNull("included_conversations")) {
                    included = custom.get("included_conversations").intValue();
                }
                if (custom.hasNonNull("overage_unit_price")) {
                    JsonNode price = custom.get("overage_unit_price");
                    unitPrice = price.isString() ? new BigDecimal(price.stringValue()) : price.decimalValue();
                }
                return new PriceTerms(baseFee, included, unitPrice);
            } catch (JacksonException | IllegalArgumentException e) {
                // The operator API validates custom pricing; a bad value must not stop metering or billing.
                log.warn("Ignoring unreadable custom pricing: {}", e.getMessage());
                return new PriceTerms(plan.baseFeeCents(), plan.includedConversations(), plan.overageUnitPrice());
            }
        }
        return new PriceTerms(baseFee, included, unitPrice);
    }

    /** The organization's tiers in the period, day by day (see {@link #segments}). */
    public PeriodPlan plan(Organization org, List<TierChange> changes, BillingPeriod period) {
        return new PeriodPlan(
                period,
                segments(period, org.tier(), org.createdAt(), changes).stream()
                        .map(s -> new PlanSegment(s.tier(), terms(s.tier(), org.customPricing()), s.from(), s.until()))
                        .toList(),
                migratedIn(org, period));
    }

    /**
     * Whether the organization came from the earlier single-tenant system during this period: its first invoice
     * covers the period from the migration on (the base fee by day, like any new organization) with the period's
     * full allowance; its conversations from before the migration are history and never counted.
     */
    static boolean migratedIn(Organization org, BillingPeriod period) {
        return org.migratedAt() != null
                && !org.migratedAt().isBefore(period.start())
                && org.migratedAt().isBefore(period.end());
    }

    record TierDays(Tier tier, LocalDate from, LocalDate until) {}

    /**
     * Which tier each day of the period was on, grouped into runs. A tier change applies from the day on which it
     * happened (in the billing time zone): that whole day is on the new tier; of several changes on one day the last
     * wins. Days before the organization was created are not billed. {@code changes} must hold every change from the
     * period's start on (older ones are harmless), oldest first; {@code currentTier} is the tier after the last.
     */
    static List<TierDays> segments(
            BillingPeriod period, Tier currentTier, Instant createdAt, List<TierChange> changes) {
        ZoneId zone = period.zone();
        Instant start = period.start();
        Tier atStart = currentTier;
        TierChange lastBefore = null;
        for (TierChange change : changes) {
            if (change.changedAt().isBefore(start)) {
                lastBefore = change;
            }
        }
        if (lastBefore != null) {
            atStart = lastBefore.toTier();
        } else if (!changes.isEmpty()) {
            atStart = changes.getFirst().fromTier();
        }
        LocalDate created = createdAt.atZone(zone).toLocalDate();
        LocalDate first = created.isAfter(period.startDate()) ? created : period.startDate();
        List<TierDays> runs = new ArrayList<>();
        Tier runTier = null;
        LocalDate runFrom = null;
        for (LocalDate day = first; day.isBefore(period.endDate()); day = day.plusDays(1)) {
            Tier tier = atStart;
            for (TierChange change : changes) {
                if (!change.changedAt().isBefore(start)
                        && !change.changedAt().atZone(zone).toLocalDate().isAfter(day)) {
                    tier = change.toTier();
                }
            }
            if (tier != runTier) {
                if (runTier != null) {
                    runs.add(new TierDays(runTier, runFrom, day));
                }
                runTier = tier;
                runFrom = day;
            }
        }
        if (runTier != null) {
            runs.add(new TierDays(runTier, runFrom, period.endDate()));
        }
        return runs;
    }
}
