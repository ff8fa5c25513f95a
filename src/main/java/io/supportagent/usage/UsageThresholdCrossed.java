package io.supportagent.usage;

/**
 * Published in the transaction that counted the conversation which crossed a threshold, exactly once per
 * organization, period and threshold. Listeners that write in that transaction (the webhook outbox) commit or roll
 * back with it.
 */
public record UsageThresholdCrossed(UsageAlert alert, String period) {}
