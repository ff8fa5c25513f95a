package io.supportagent.members;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.MemberRole;
import java.time.Instant;

/**
 * A member of the organization in context: the person and their role there, and whether they sign in with two factors
 * (an authenticator app's code after the password).
 */
public record Member(
        AccountId accountId,
        String email,
        String name,
        MemberRole role,
        Instant joinedAt,
        Instant lastSignInAt,
        boolean twoFactor) {}
