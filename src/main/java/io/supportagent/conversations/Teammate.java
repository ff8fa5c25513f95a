package io.supportagent.conversations;

import io.supportagent.platform.AccountId;

/**
 * A person of the organization's team as a conversation knows them: the account, and the display name the shopper
 * sees (kept as it was when they wrote or took the conversation).
 */
public record Teammate(AccountId accountId, String name) {}
