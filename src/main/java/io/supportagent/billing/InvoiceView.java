package io.supportagent.billing;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** An invoice as the APIs answer it; unit prices are strings so that no client rounds them through a double. */
record InvoiceView(
        String id,
        String object,

        @Schema(
                description = "The human invoice number: the organization's prefix and the sequence of its invoices,"
                        + " given when the invoice is finalized, never reused and without gaps; null on the upcoming"
                        + " invoice (left out).",
                example = "3F9A12BC-0007")
        String number,

        String organizationId,
        String period,
        Instant periodStart,
        Instant periodEnd,
        String billingTimezone,
        String tier,
        String status,
        String currency,
        int conversations,
        int includedConversations,
        int overageConversations,
        long totalCents,
        Instant finalizedAt,
        List<Line> lines) {

    /** quantity × unit_price = amount_cents (rounded half up to the cent where the unit price has fractions of one). */
    record Line(
            int position,

            @Schema(allowableValues = {"base_fee", "overage"})
            String kind,

            @Schema(example = "Enterprise plan, Dec 4–31, 28 of 31 days")
            String description,

            long quantity,

            @Schema(description = "Exact decimal, in currency units", example = "902.32")
            String unitPrice,

            long amountCents) {}

    static InvoiceView of(Invoice i) {
        return new InvoiceView(
                i.id() == null ? null : i.id().toString(),
                "invoice",
                i.number(),
                i.organizationId().toString(),
                i.period(),
                i.periodStart(),
                i.periodEnd(),
                i.billingTimezone(),
                i.tier(),
                i.status(),
                i.currency(),
                i.conversations(),
                i.includedConversations(),
                i.overageConversations(),
                i.totalCents(),
                i.finalizedAt(),
                i.lines().stream()
                        .map(l -> new Line(
                                l.position(),
                                l.kind(),
                                l.description(),
                                l.quantity(),
                                l.unitPrice().toPlainString(),
                                l.amountCents()))
                        .toList());
    }

    /** One row per line and a total row, each with the invoice number last; RFC 4180 quoting. */
    static String csv(Invoice i) {
        StringBuilder out = new StringBuilder(
                "invoice_id,organization_id,period,position,kind,description,quantity,unit_price,amount_cents,currency,invoice_number\r\n");
        String prefix = i.id() + "," + i.organizationId() + "," + i.period() + ",";
        for (InvoiceLine l : i.lines()) {
            out.append(prefix)
                    .append(l.position())
                    .append(',')
                    .append(l.kind())
                    .append(',')
                    .append(quote(l.description()))
                    .append(',')
                    .append(l.quantity())
                    .append(',')
                    .append(l.unitPrice().toPlainString())
                    .append(',')
                    .append(l.amountCents())
                    .append(',')
                    .append(i.currency())
                    .append(',')
                    .append(i.number() == null ? "" : i.number())
                    .append("\r\n");
        }
        out.append(prefix)
                .append(",total,Total,,,")
                .append(i.totalCents())
                .append(',')
                .append(i.currency())
                .append(',')
                .append(i.number() == null ? "" : i.number())
                .append("\r\n");
        return out.toString();
    }

    private static String quote(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
