package io.supportagent.billing;

import io.supportagent.usage.BillingPeriod;
import io.supportagent.usage.UsageAlert;
import java.util.List;

/** An organization's usage of one period, priced: what {@code GET /v1/usage} shows. */
public record UsageReport(
        BillingPeriod period,
        boolean livemode,
        int conversations,
        int includedConversations,
        List<Integer> thresholds,
        List<UsageAlert> alerts,
        int overageConversations,
        long overageCostCents,
        String currency,
        Integer usageCap,
        int migratedConversations) {}
