package io.supportagent.members;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param invitationTtl how long an invitation link works
 * @param passwordResetTtl how long a password-reset link works
 * @param failedSignInsPerAccount wrong passwords per email address per window before sign-in for it is refused
 * @param failedSignInsPerAddress wrong passwords per client address (IPv6 by /64) per window
 * @param failedSignInsWindow refill period of both budgets
 * @param mailFrom the sender of invitation and password-reset mail
 * @param mailRetryDelays waits after failed sends; a mail is given up after {@code mailRetryDelays.size() + 1} tries
 * @param mailPollInterval how often the mail worker looks for mail to send
 * @param mailWorker whether this node runs the mail worker (the outbox is written either way)
 */
@Validated
@ConfigurationProperties("support-agent.members")
record MembersSettings(
        @DefaultValue("7d") Duration invitationTtl,
        @DefaultValue("1h") Duration passwordResetTtl,
        @DefaultValue("10") @Min(1) int failedSignInsPerAccount,
        @DefaultValue("50") @Min(1) int failedSignInsPerAddress,
        @DefaultValue("15m") Duration failedSignInsWindow,

        @DefaultValue("Support Agent Platform <no-reply@localhost>") @NotBlank
        String mailFrom,

        @DefaultValue({"10s", "1m", "5m", "30m", "2h"}) @NotEmpty
        List<Duration> mailRetryDelays,

        @DefaultValue("2s") Duration mailPollInterval,
        @DefaultValue("true") boolean mailWorker) {

    int mailMaxAttempts() {
        return mailRetryDelays.size() + 1;
    }

    Duration mailDelayAfter(int attempt) {
        return mailRetryDelays.get(Math.min(attempt, mailRetryDelays.size()) - 1);
    }
}
