package io.supportagent.billing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one organization pays on one tier: the tier's plan, with its custom pricing laid over it.
 *
 * @param overageUnitPrice per conversation beyond the included ones, in currency units, exact
 */
public record PriceTerms(long baseFeeCents, int includedConversations, BigDecimal overageUnitPrice) {

    public PriceTerms {
        Objects.requireNonNull(overageUnitPrice, "overageUnitPrice");
        if (baseFeeCents < 0 || includedConversations < 0 || overageUnitPrice.signum() < 0) {
            throw new IllegalArgumentException("prices and amounts cannot be negative");
        }
    }
}
