package io.supportagent.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.supportagent.platform.OrganizationId;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Which limit applies to whom: the tier's (or an enterprise's custom) limit, a quarter of it for test keys. */
@Component
class Limits {

    private static final Logger log = LoggerFactory.getLogger(Limits.class);
    static final String ORGANIZATION_POLICY = "default";

    private final RateLimitSettings settings;
    private final TenancyService tenancy;
    private final ObjectMapper json;
    private final Cache<OrganizationId, Derived> live;

    /** A limit with the organization snapshot it was worked out from. */
    private record Derived(Organization from, Limit limit) {}

    Limits(RateLimitSettings settings, TenancyService tenancy, ObjectMapper json) {
        this.settings = settings;
        this.tenancy = tenancy;
        this.json = json;
        this.live = Caffeine.newBuilder().maximumSize(100_000).build();
    }

    /**
     * The organization's limit, worked out again whenever its snapshot is a new one: a tier or pricing change applies
     * on the next request here, and on other nodes as soon as their snapshot is forgotten (within moments).
     */
    Limit organization(OrganizationId org, boolean livemode) {
        Organization snapshot = tenancy.organizationSnapshot(org).orElse(null);
        Derived derived = live.getIfPresent(org);
        if (derived == null || derived.from() != snapshot) {
            derived = new Derived(snapshot, liveLimit(snapshot));
            live.put(org, derived);
        }
        Limit limit = derived.limit();
        return livemode ? limit : limit.scaled(settings.testFraction());
    }

    Limit widgetKey() {
        return new Limit("widget_key", settings.widgetKeyRate(), settings.widgetKeyBurst());
    }

    Limit widgetStart() {
        return new Limit("widget_start", settings.widgetStartsPerHour() / 3600d, settings.widgetStartBurst());
    }

    Limit widgetClient() {
        return new Limit("widget_client", settings.widgetClientRate(), settings.widgetClientBurst());
    }

    private Limit liveLimit(Organization org) {
        Tier tier = org == null ? Tier.BASIC : org.tier();
        Limit tierLimit = forTier(tier);
        if (org == null || org.customPricing() == null) {
            return tierLimit;
        }
        return custom(org, tierLimit);
    }

    Limit forTier(Tier tier) {
        return switch (tier) {
            case BASIC -> new Limit(ORGANIZATION_POLICY, settings.basicRate(), settings.basicBurst());
            case PRO -> new Limit(ORGANIZATION_POLICY, settings.proRate(), settings.proBurst());
            case ENTERPRISE -> new Limit(ORGANIZATION_POLICY, settings.enterpriseRate(), settings.enterpriseBurst());
        };
    }

    /**
     * Custom pricing may carry {@code rate_limit_per_second} and {@code rate_limit_burst}; anything missing, not a
     * positive number or unreadable keeps the tier's value (a typo in pricing must not lock an organization out).
     */
    private Limit custom(Organization org, Limit tierLimit) {
        try {
            JsonNode pricing = json.readTree(org.customPricing());
            double rate = positive(pricing.get("rate_limit_per_second"), tierLimit.rate());
            long burst = (long) positive(pricing.get("rate_limit_burst"), Math.max(tierLimit.burst(), rate * 2));
            return new Limit(ORGANIZATION_POLICY, rate, Math.max(1, burst));
        } catch (RuntimeException e) {
            log.warn("Custom pricing of organization {} is unreadable; using its tier's rate limit", org.id());
            return tierLimit;
        }
    }

    private static double positive(JsonNode node, double fallback) {
        return node != null && node.isNumber() && node.asDouble() > 0 ? node.asDouble() : fallback;
    }
}
