package io.supportagent.platform.changes;

/**
 * This node may have missed changes (its listening connection dropped and came back, or a notification could not be
 * read): every cache forgets everything it holds.
 */
public record ChangesMissed() {}
