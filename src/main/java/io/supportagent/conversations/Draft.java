package io.supportagent.conversations;

import java.time.Instant;

/**
 * What a member is writing in a conversation and has not sent yet.
 *
 * @param mode {@code reply} (to the shopper) or {@code note} (for the team)
 */
public record Draft(String mode, String content, Instant updatedAt) {}
