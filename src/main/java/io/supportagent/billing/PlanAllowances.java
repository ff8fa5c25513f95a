package io.supportagent.billing;

import io.supportagent.tenancy.BillingProfile;
import io.supportagent.usage.Allowance;
import io.supportagent.usage.Allowances;
import io.supportagent.usage.BillingPeriod;
import org.springframework.stereotype.Component;

/** Tells metering how many conversations a period includes: the same prorated number the invoice uses. */
@Component
class PlanAllowances implements Allowances {

    private final PriceBook prices;

    PlanAllowances(PriceBook prices) {
        this.prices = prices;
    }

    @Override
    public Allowance allowance(BillingProfile profile, BillingPeriod period) {
        PeriodPlan plan = prices.plan(profile.organization(), profile.tierChanges(), period);
        return new Allowance(plan.includedConversations(), prices.settings().alertThresholds());
    }
}
