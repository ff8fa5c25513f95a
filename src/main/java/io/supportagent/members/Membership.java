package io.supportagent.members;

import io.supportagent.platform.MemberRole;
import io.supportagent.platform.OrganizationId;

/**
 * One organization a person belongs to, their role in it, and whether it requires its members to sign in with two
 * factors.
 */
public record Membership(OrganizationId organizationId, MemberRole role, boolean requiresTwoFactor) {}
