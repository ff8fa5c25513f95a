package io.supportagent.billing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who issues the invoices, as a printed invoice names its seller; for example {@code
 * SUPPORT_AGENT_BILLING_SELLER_NAME=Example GmbH} and {@code SUPPORT_AGENT_BILLING_SELLER_ADDRESS=Street 1,Berlin}.
 *
 * @param address the seller's address, one line each
 * @param taxId the seller's tax or VAT number, or null
 */
@Validated
@ConfigurationProperties("support-agent.billing.seller")
public record InvoiceSeller(
        @DefaultValue("Support Agent Platform") @NotBlank String name,
        @DefaultValue @Size(max = 6) List<String> address,
        String email,
        String taxId) {}
