package io.supportagent.apikeys;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** @param bcryptCost log2 rounds of bcrypt for stored key hashes */
@Validated
@ConfigurationProperties("support-agent.api-keys")
record ApiKeySettings(@DefaultValue("12") @Min(4) @Max(31) int bcryptCost) {}
