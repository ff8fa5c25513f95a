package io.supportagent.platform;

import java.util.Objects;

/**
 * Whose data a unit of work may touch: one organization, in live or test mode. Set by the authentication filters
 * from the verified key, never from anything the caller can choose.
 */
public record Tenant(OrganizationId organizationId, boolean livemode) {

    public Tenant {
        Objects.requireNonNull(organizationId, "organizationId");
    }

    public static Tenant live(OrganizationId organizationId) {
        return new Tenant(organizationId, true);
    }

    public static Tenant test(OrganizationId organizationId) {
        return new Tenant(organizationId, false);
    }
}
