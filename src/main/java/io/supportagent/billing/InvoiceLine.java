package io.supportagent.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One line of an invoice. Every line reads as quantity × unit price = amount: exactly when the unit price is in whole
 * cents, and rounded half up to the cent once when it has fractions of a cent (an overage price such as 0.015). The
 * database checks it for every line written since that rule (invoices finalized before it stay as they were issued).
 *
 * @param kind {@code base_fee} (quantity 1; unit price: the fee for the days the description names, the whole
 *     monthly fee for a whole period) or {@code overage} (quantity: conversations beyond the included ones; unit
 *     price: per conversation)
 * @param unitPrice in currency units, exact
 * @param amountCents the line's amount: {@link #amountCents(long, BigDecimal)} of its quantity and unit price
 */
public record InvoiceLine(
        int position, String kind, String description, long quantity, BigDecimal unitPrice, long amountCents) {

    /** Quantity × unit price in cents, rounded half up once: the one rounding rule. */
    public static long amountCents(long quantity, BigDecimal unitPrice) {
        return unitPrice
                .movePointRight(2)
                .multiply(BigDecimal.valueOf(quantity))
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }
}
