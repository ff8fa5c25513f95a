package io.supportagent.conversations;

/**
 * How many conversations wait for people in the tenant's mode.
 *
 * @param waiting all of them
 * @param unassigned those nobody has taken
 * @param mine those assigned to the person asking
 */
public record InboxCounts(int waiting, int unassigned, int mine) {}
