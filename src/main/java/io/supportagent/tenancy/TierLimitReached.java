package io.supportagent.tenancy;

import io.supportagent.platform.ApiProblem;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The organization's tier allows no more objects of this kind: 403 {@code tier_limit_reached}. */
public class TierLimitReached extends ApiProblem {

    private final TierLimit limit;
    private final int max;

    TierLimitReached(Tier tier, TierLimit limit, int max) {
        super(
                HttpStatus.FORBIDDEN,
                "tier_limit_reached",
                "Tier limit reached",
                "The " + tier.code() + " tier allows at most " + max + " "
                        + limit.code().replace('_', ' ') + "; upgrade the tier for more.");
        this.limit = limit;
        this.max = max;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("limit", limit.code(), "max", max);
    }
}
