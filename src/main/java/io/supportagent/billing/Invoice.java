package io.supportagent.billing;

import io.supportagent.platform.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An organization's invoice for one period: {@code finalized} (stored by a billing run, never changed again) or
 * {@code upcoming} (the running period so far, computed on request, never stored; its id is null).
 *
 * @param number the human invoice number, the organization's prefix and its invoices' sequence ({@code
 *     3F9A12BC-0001}), given when the invoice is finalized: never reused, without gaps per organization; null while
 *     upcoming
 * @param tier the tier in force on the period's last day
 */
public record Invoice(
        UUID id,
        String number,
        OrganizationId organizationId,
        String period,
        Instant periodStart,
        Instant periodEnd,
        String billingTimezone,
        String tier,
        String currency,
        int conversations,
        int includedConversations,
        int overageConversations,
        long totalCents,
        String status,
        Instant finalizedAt,
        List<InvoiceLine> lines) {

    public Invoice {
        lines = List.copyOf(lines);
    }
}
