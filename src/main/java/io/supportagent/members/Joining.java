package io.supportagent.members;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.Conflict;
import io.supportagent.platform.Forbidden;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.TenantContext;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.TenancyService;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactions of an invitation link, run under the organization its token names (see {@link Tokens}): reading
 * what it invites to, and joining, where the invitation is locked, checked and used up with the account and the
 * membership made, so that a link is accepted once however often it is clicked.
 */
@Component
class Joining {

    private final Accounts accounts;
    private final Memberships memberships;
    private final Invitations invitations;
    private final AuditTrail audit;
    private final TenancyService tenancy;
    private final JdbcClient jdbc;
    private final Clock clock;

    Joining(
            Accounts accounts,
            Memberships memberships,
            Invitations invitations,
            AuditTrail audit,
            TenancyService tenancy,
            JdbcClient jdbc,
            Clock clock) {
        this.accounts = accounts;
        this.memberships = memberships;
        this.invitations = invitations;
        this.audit = audit;
        this.tenancy = tenancy;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Optional<MemberService.OpenInvitation> read(String token) {
        OrganizationId org = TenantContext.require().organizationId();
        return invitations
                .findByToken(jdbc, org, Tokens.hash(token))
                .map(i -> new MemberService.OpenInvitation(
                        tenancy.organizationSnapshot(org)
                                .map(Organization::name)
                                .orElse("an organization"),
                        i.email(),
                        i.role(),
                        i.status(clock.instant()),
                        i.expiresAt(),
                        accounts.byEmail(i.email()).isPresent()));
    }

    /** Joins as the signed-in person ({@code signedIn}), or as a new account with this name and password hash. */
    @Transactional
    MemberService.Joined join(String token, AccountId signedIn, String name, String passwordHash) {
        OrganizationId org = TenantContext.require().organizationId();
        Instant now = clock.instant();
        Invitation invitation =
                invitations.lockByToken(jdbc, org, Tokens.hash(token)).orElseThrow(MemberService::unknownInvitation);
        switch (invitation.status(now)) {
            case ACCEPTED, REVOKED ->
                throw new Conflict(
                        "invitation_closed", "This invitation link was used or revoked already; ask for a new one.");
            case EXPIRED ->
                throw new Conflict("invitation_expired", "This invitation link has expired; ask for a new one.");
            case PENDING -> {}
        }
        Account account;
        if (signedIn == null) {
            if (accounts.byEmail(invitation.email()).isPresent()) {
                throw new Conflict(
                        "account_exists", "An account with this email exists: sign in to accept the invitation.");
            }
            account = accounts.insert(invitation.email(), name, passwordHash, now);
        } else {
            account = accounts.byId(signedIn).orElseThrow(MemberService::unknownInvitation);
            if (!account.email().equals(invitation.email())) {
                throw new Forbidden(
                        "invitation_for_another_email",
                        "This invitation is for " + invitation.email() + "; you are signed in as " + account.email()
                                + ".");
            }
        }
        memberships.insert(org, account.id(), invitation.role(), now);
        invitations.accepted(jdbc, org, invitation.id(), account.id(), now);
        audit.recordByPerson(
                AuditTrail.Entry.of(
                                "member.joined",
                                "member",
                                account.id(),
                                account.email() + " joined as "
                                        + invitation.role().code())
                        .with("email", account.email())
                        .with("role", invitation.role().code()),
                account.id(),
                account.email());
        return new MemberService.Joined(account.id(), org, account.email());
    }
}
