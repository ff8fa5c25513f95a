package io.supportagent.platform;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A member's role in one organization, and what it allows. The one place that maps roles to permissions: method
 * security checks the permissions as authorities ({@link MemberAccess}), and the dashboard's navigation shows what
 * they allow, so the two cannot disagree.
 */
public enum MemberRole {
    /** Everything, including other owners and the organization's billing. */
    OWNER(EnumSet.allOf(Permission.class)),
    /** Everything but owners: cannot make, change or remove an owner. */
    ADMIN(EnumSet.allOf(Permission.class)),
    /** Human support: the inbox and conversations only. */
    AGENT(EnumSet.of(Permission.SUPPORT)),
    /** Usage and invoices only. */
    BILLING(EnumSet.of(Permission.BILLING));

    /** What a role may do; each is granted as the authority {@link #authority()}. */
    public enum Permission {
        /** Usage, invoices, the overview of both. */
        BILLING,
        /** Invite, change roles, remove members, revoke invitations. */
        TEAM,
        /** Read the audit log. */
        AUDIT,
        /** API keys, stores, agent instances, knowledge, webhooks. */
        CONFIGURE,
        /** The inbox and conversations. */
        SUPPORT;

        public String authority() {
            return "member:" + name().toLowerCase(Locale.ROOT);
        }
    }

    private final Set<Permission> permissions;

    MemberRole(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of a code ({@code owner}, {@code admin}, {@code agent}, {@code billing}); empty for anything else. */
    public static Optional<MemberRole> of(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
    }
}
