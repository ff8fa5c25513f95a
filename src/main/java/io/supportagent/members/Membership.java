package io.supportagent.members;

import io.supportagent.platform.MemberRole;
import io.supportagent.platform.OrganizationId;

/** One organization a person belongs to, and their role in it. */
public record Membership(OrganizationId organizationId, MemberRole role) {}
