package io.supportagent.conversations;

/**
 * How many conversations wait for people in the tenant's mode.
 *
 * @param waiting all of them
 * @param unassigned those nobody has taken
 * @param mine those assigned to the person asking
 * @param unread those nobody has taken or the person asking has, with a shopper message that person has not been
 *     shown yet (each member's own count)
 */
public record InboxCounts(int waiting, int unassigned, int mine, int unread) {}
