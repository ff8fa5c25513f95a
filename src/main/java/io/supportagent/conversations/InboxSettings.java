package io.supportagent.conversations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param claimTimeout a conversation someone took goes back to the queue when its shopper has waited this long for
 *     them: no reply from the team since the shopper's oldest unanswered message, or since the claim if that came
 *     later ({@link StaleClaims}); zero turns this off
 * @param releaseInterval how often each node looks for such conversations
 * @param streamTimeout how long an inbox's or a widget's event stream stays open before it ends (cleanly) and the
 *     page reconnects; a stream outlives nothing the member's session decides for longer than this
 */
@Validated
@ConfigurationProperties("support-agent.inbox")
record InboxSettings(
        @DefaultValue("15m") Duration claimTimeout,
        @DefaultValue("30s") Duration releaseInterval,
        @DefaultValue("30m") Duration streamTimeout) {}
