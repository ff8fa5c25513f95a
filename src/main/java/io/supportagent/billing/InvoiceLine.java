package io.supportagent.billing;

import java.math.BigDecimal;

/**
 * One line of an invoice.
 *
 * @param kind {@code base_fee} (quantity: days billed; unit price: the full monthly fee) or {@code overage}
 *     (quantity: conversations beyond the included ones; unit price: per conversation)
 * @param unitPrice in currency units, exact
 * @param amountCents the line's amount, rounded half up to the cent once
 */
public record InvoiceLine(
        int position, String kind, String description, long quantity, BigDecimal unitPrice, long amountCents) {}
