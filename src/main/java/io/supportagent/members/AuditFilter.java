package io.supportagent.members;

import java.time.Instant;

/**
 * Which audit events to list; every field optional (null: any).
 *
 * @param action an action ({@code member.invited}) or every action on a kind of object ({@code member.})
 * @param resourceType {@code api_key}, {@code member}, {@code agent_instance}, {@code organization}, {@code article}
 * @param actorType {@code member}, {@code api_key}, {@code operator}, {@code system}
 * @param actor words of the actor's label (an email, a key)
 * @param since from this moment on (inclusive)
 * @param until before this moment
 * @param resourceId one object's events only (its id, with its {@code resourceType})
 */
public record AuditFilter(
        String action,
        String resourceType,
        String actorType,
        String actor,
        Instant since,
        Instant until,
        String resourceId) {

    public AuditFilter(
            String action, String resourceType, String actorType, String actor, Instant since, Instant until) {
        this(action, resourceType, actorType, actor, since, until, null);
    }

    /** Everything that happened to one object, newest first. */
    public static AuditFilter of(String resourceType, Object resourceId) {
        return new AuditFilter(null, resourceType, null, null, null, null, resourceId.toString());
    }

    public static final AuditFilter NONE = new AuditFilter(null, null, null, null, null, null);
}
