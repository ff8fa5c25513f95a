package io.supportagent.members;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.MemberRole;
import java.time.Instant;

/** A member of the organization in context: the person and their role there. */
public record Member(
        AccountId accountId, String email, String name, MemberRole role, Instant joinedAt, Instant lastSignInAt) {}
