package io.supportagent.usage;

import io.supportagent.platform.ApiProblem;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The organization's hard cap on live conversations in this period is reached: 402. */
public class UsageLimitReached extends ApiProblem {

    private final int usageCap;
    private final String period;

    public UsageLimitReached(int usageCap, BillingPeriod period) {
        super(
                HttpStatus.PAYMENT_REQUIRED,
                "usage_limit_reached",
                "Usage limit reached",
                "This organization has reached its cap of " + usageCap + " live conversations for " + period.code()
                        + "; new conversations can start again in the next billing period or after the cap is"
                        + " raised.");
        this.usageCap = usageCap;
        this.period = period.code();
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("usage_cap", usageCap, "period", period);
    }
}
