package io.supportagent.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Method security for what members do, by permission ({@link MemberRole.Permission}): put one on a dashboard handler
 * or on the service method it calls. Checked on the method itself, whatever chain the request came through; a
 * member whose role lacks the permission gets 403, any other caller too. The expressions name the authorities that
 * {@link Caller.Member} grants.
 */
public final class MemberAccess {

    private MemberAccess() {}

    /** Any member of the organization in the URL, whatever the role. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize("hasRole('" + Caller.Member.ROLE + "')")
    public @interface AnyRole {}

    /** Usage, invoices and the overview: owner, admin, billing. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize("hasAuthority('member:billing')")
    public @interface Billing {}

    /** The team: owner, admin. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize("hasAuthority('member:team')")
    public @interface Team {}

    /** The audit log: owner, admin. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize("hasAuthority('member:audit')")
    public @interface Audit {}

    /** Keys, stores, agent instances, knowledge, webhooks: owner, admin. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize("hasAuthority('member:configure')")
    public @interface Configure {}

    /** The inbox and conversations: owner, admin, agent. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize("hasAuthority('member:support')")
    public @interface Support {}
}
