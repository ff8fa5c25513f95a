package io.supportagent.usage;

import io.supportagent.tenancy.BillingProfile;

/**
 * What an organization's plan includes in a period. Prices are the billing module's business, which implements
 * this; metering only asks, so that billing can depend on metering and not the other way round.
 */
public interface Allowances {

    Allowance allowance(BillingProfile profile, BillingPeriod period);
}
