package io.supportagent.members;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.Caller;
import io.supportagent.platform.CallerAuthentication;
import io.supportagent.platform.Conflict;
import io.supportagent.platform.Forbidden;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.MemberAccess;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.ratelimit.FailureBudgets;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.TenancyService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The members module's API: the team of the organization in context (members, roles, invitations), joining an
 * organization through an invitation link, password resets, and a person's organizations. Team changes check the
 * acting member's role here, on the service, whatever page or API calls it: {@code owner} and {@code admin} manage
 * the team, only an owner makes, changes or removes an owner, and an organization always keeps one owner.
 */
@Service
public class MemberService {

    private static final Logger log = LoggerFactory.getLogger(MemberService.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'");
    private static final Duration RECENT_INVITATIONS = Duration.ofDays(30);

    private final Accounts accounts;
    private final Memberships memberships;
    private final Invitations invitations;
    private final PasswordResets resets;
    private final MailOutbox mail;
    private final AuditTrail audit;
    private final Passwords passwords;
    private final Links links;
    private final Sessions sessions;
    private final Joining joining;
    private final TenancyService tenancy;
    private final FailureBudgets budgets;
    private final MembersSettings settings;
    private final JdbcClient jdbc;
    private final PlatformJdbc platform;
    private final Clock clock;

    MemberService(
            Accounts accounts,
            Memberships memberships,
            Invitations invitations,
            PasswordResets resets,
            MailOutbox mail,
            AuditTrail audit,
            Passwords passwords,
            Links links,
            Sessions sessions,
            Joining joining,
            TenancyService tenancy,
            FailureBudgets budgets,
            MembersSettings settings,
            JdbcClient jdbc,
            PlatformJdbc platform,
            Clock clock) {
        this.accounts = accounts;
        this.memberships = memberships;
        this.invitations = invitations;
        this.resets = resets;
        this.mail = mail;
        this.audit = audit;
        this.passwords = passwords;
        this.links = links;
        this.sessions = sessions;
        this.joining = joining;
        this.tenancy = tenancy;
        this.budgets = budgets;
        this.settings = settings;
        this.jdbc = jdbc;
        this.platform = platform;
        this.clock = clock;
    }

    // --- The team of the organization in context ---

    /** The organization's members, owners first. */
    @MemberAccess.Team
    @Transactional(readOnly = true)
    public List<Member> members() {
        return memberships.list(TenantContext.require().organizationId());
    }

    /** Open invitations, and those accepted, revoked or sent in the last 30 days, newest first. */
    @MemberAccess.Team
    @Transactional(readOnly = true)
    public List<Invitation> invitations() {
        return invitations.recent(
                jdbc, TenantContext.require().organizationId(), clock.instant().minus(RECENT_INVITATIONS));
    }

    /**
     * Invites a person by email with a role, sending them a single-use link that expires; inviting an email with an
     * open invitation sends a new link (the old one stops working) with the new role. Someone who is a member already
     * answers 409 {@code already_a_member}; only an owner may invite an owner (403 {@code owner_required}).
     */
    @MemberAccess.Team
    @Transactional
    public Invitation invite(String email, MemberRole role) {
        Caller.Member actor = actingMember();
        String address = requireEmail(email, "email");
        requireNonNullRole(role);
        if (role == MemberRole.OWNER) {
            requireOwner(actor, "invite an owner");
        }
        OrganizationId org = actor.organizationId();
        Optional<Account> existing = accounts.byEmail(address);
        if (existing.isPresent() && memberships.find(org, existing.get().id()).isPresent()) {
            throw new Conflict("already_a_member", address + " is a member of this organization already.");
        }
        Instant now = clock.instant();
        String token = Tokens.invitation(org);
        Invitation invitation = invitations.upsert(
                jdbc,
                org,
                address,
                role,
                Tokens.hash(token),
                actor.accountId(),
                now,
                now.plus(settings.invitationTtl()));
        queueInvitation(jdbc, invitation, token, inviterName());
        audit.record(AuditTrail.Entry.of(
                        "member.invited", "invitation", invitation.id(), "Invited " + address + " as " + role.code())
                .with("email", address)
                .with("role", role.code()));
        return invitation;
    }

    /** Sends an open invitation (also an expired one) again, with a new link; the old link stops working. */
    @MemberAccess.Team
    @Transactional
    public Invitation resendInvitation(UUID id) {
        Caller.Member actor = actingMember();
        OrganizationId org = actor.organizationId();
        Invitation current = invitations.find(jdbc, org, id).orElseThrow(() -> new NotFound("invitation", id));
        if (current.role() == MemberRole.OWNER) {
            requireOwner(actor, "resend an owner's invitation");
        }
        Instant now = clock.instant();
        String token = Tokens.invitation(org);
        Invitation renewed = invitations
                .renew(jdbc, org, id, Tokens.hash(token), now, now.plus(settings.invitationTtl()))
                .orElseThrow(() -> new Conflict(
                        "invitation_closed", "This invitation was accepted or revoked; invite the person again."));
        queueInvitation(jdbc, renewed, token, inviterName());
        audit.record(AuditTrail.Entry.of(
                        "member.invitation_resent",
                        "invitation",
                        id,
                        "Sent the invitation of " + renewed.email() + " again")
                .with("email", renewed.email()));
        return renewed;
    }

    /** Revokes an open invitation: its link stops working at once. */
    @MemberAccess.Team
    @Transactional
    public void revokeInvitation(UUID id) {
        Caller.Member actor = actingMember();
        OrganizationId org = actor.organizationId();
        Invitation current = invitations.find(jdbc, org, id).orElseThrow(() -> new NotFound("invitation", id));
        if (current.role() == MemberRole.OWNER) {
            requireOwner(actor, "revoke an owner's invitation");
        }
        if (!invitations.revoke(jdbc, org, id, clock.instant())) {
            throw new Conflict("invitation_closed", "This invitation was accepted or revoked already.");
        }
        audit.record(AuditTrail.Entry.of(
                        "member.invitation_revoked", "invitation", id, "Revoked the invitation of " + current.email())
                .with("email", current.email()));
    }

    /**
     * Gives a member another role. Only an owner makes someone an owner or changes an owner's role; the last owner
     * cannot be demoted (409 {@code last_owner}).
     */
    @MemberAccess.Team
    @Transactional
    public Member changeRole(AccountId account, MemberRole role) {
        Caller.Member actor = actingMember();
        requireNonNullRole(role);
        OrganizationId org = actor.organizationId();
        // Owners first, locked: concurrent demotions of the last two owners take turns (see Memberships).
        List<AccountId> owners = memberships.lockOwners(org);
        Member target = memberships.find(org, account).orElseThrow(() -> new NotFound("member", account));
        if (target.role() == role) {
            return target;
        }
        if (target.role() == MemberRole.OWNER || role == MemberRole.OWNER) {
            requireOwner(actor, "make, change or remove an owner");
        }
        if (target.role() == MemberRole.OWNER && owners.size() <= 1) {
            throw lastOwner();
        }
        memberships.changeRole(org, account, role, clock.instant());
        audit.record(AuditTrail.Entry.of(
                        "member.role_changed",
                        "member",
                        account,
                        "Changed the role of " + target.email() + " from "
                                + target.role().code() + " to " + role.code())
                .with("email", target.email())
                .with("role", Map.of("from", target.role().code(), "to", role.code())));
        return memberships.find(org, account).orElseThrow();
    }

    /** Removes a member from the organization (their account stays); never the last owner (409 {@code last_owner}). */
    @MemberAccess.Team
    @Transactional
    public void remove(AccountId account) {
        Caller.Member actor = actingMember();
        OrganizationId org = actor.organizationId();
        List<AccountId> owners = memberships.lockOwners(org);
        Member target = memberships.find(org, account).orElseThrow(() -> new NotFound("member", account));
        if (target.role() == MemberRole.OWNER) {
            requireOwner(actor, "remove an owner");
            if (owners.size() <= 1) {
                throw lastOwner();
            }
        }
        memberships.delete(org, account);
        audit.record(AuditTrail.Entry.of("member.removed", "member", account, "Removed " + target.email())
                .with("email", target.email())
                .with("role", target.role().code()));
    }

    /** Whether the organization requires its members to sign in with two factors. */
    @MemberAccess.Team
    @Transactional(readOnly = true)
    public boolean twoFactorRequired() {
        return memberships.requiresTwoFactor(TenantContext.require().organizationId());
    }

    /**
     * Requires two-factor sign-in of every member (or stops requiring it): a member without it is then sent to set it
     * up before any page of the organization opens. Owners only (403 {@code owner_required}), and only an owner who
     * has it on themselves (409 {@code two_factor_off}), so that requiring it never locks out the one requiring it.
     */
    @MemberAccess.Team
    @Transactional
    public void requireTwoFactor(boolean required) {
        Caller.Member actor = actingMember();
        requireOwner(actor, "change how members sign in");
        OrganizationId org = actor.organizationId();
        if (required
                && !memberships
                        .find(org, actor.accountId())
                        .map(Member::twoFactor)
                        .orElse(false)) {
            throw new Conflict(
                    "two_factor_off",
                    "Turn on two-factor sign-in for yourself first (Sign-in security in your account menu).");
        }
        if (memberships.requiresTwoFactor(org) == required) {
            return;
        }
        memberships.requireTwoFactor(org, required, clock.instant());
        audit.record(AuditTrail.Entry.of(
                        required ? "organization.two_factor_required" : "organization.two_factor_optional",
                        "organization",
                        org,
                        required
                                ? "Required two-factor sign-in of every member"
                                : "Stopped requiring two-factor sign-in")
                .with("require_two_factor", required));
    }

    /** The member in context (any role): the person and their role in this organization. */
    @MemberAccess.AnyRole
    @Transactional(readOnly = true)
    public Member self() {
        Caller.Member actor = actingMember();
        return memberships
                .find(actor.organizationId(), actor.accountId())
                .orElseThrow(() -> new NotFound("member", actor.accountId()));
    }

    // --- Operator work ---

    /**
     * Operator work: invites the first owner of a new organization and answers the invitation link, which the
     * operator's answer carries (shown once) and a mail sends. Inside {@code PlatformJdbc.inTransaction} it joins that
     * transaction, so the organization and its invitation commit together.
     */
    public String inviteOwnerAsOperator(OrganizationId org, String email) {
        return inviteAsOperator(org, email, MemberRole.OWNER);
    }

    /** Operator work: invites a person to an organization with a role; answers the invitation link (also mailed). */
    public String inviteAsOperator(OrganizationId org, String email, MemberRole role) {
        String address = requireEmail(email, "owner_email");
        requireNonNullRole(role);
        Instant now = clock.instant();
        String token = Tokens.invitation(org);
        platform.inTransaction(tx -> {
            Invitation invitation = invitations.upsert(
                    tx, org, address, role, Tokens.hash(token), null, now, now.plus(settings.invitationTtl()));
            queueInvitation(tx, invitation, token, "The platform operator");
            audit.recordAsOperator(
                    org,
                    AuditTrail.Entry.of(
                                    "member.invited",
                                    "invitation",
                                    invitation.id(),
                                    "Invited " + address + " as " + role.code())
                            .with("email", address)
                            .with("role", role.code()));
            return invitation;
        });
        return links.invitation(token);
    }

    /**
     * Operator work for the demo: makes sure {@code email} has an account that owns the organization, with a newly
     * generated password, which it answers (printed once; only its hash is kept).
     */
    public String ensureOwnerWithNewPassword(OrganizationId org, String email, String name) {
        String address = requireEmail(email, "email");
        String password = generatedPassword();
        Instant now = clock.instant();
        Account account = accounts.byEmail(address).orElseGet(() -> accounts.insert(address, name, null, now));
        accounts.changePassword(account.id(), passwords.hash(password), now);
        platform.inTransaction(tx -> tx.sql("""
                        INSERT INTO memberships (organization_id, account_id, role, created_at, updated_at)
                        VALUES (:org, :account, 'owner', :now, :now)
                        ON CONFLICT (organization_id, account_id) DO UPDATE SET role = 'owner'""")
                .param("org", org.value())
                .param("account", account.id().value())
                .param("now", java.sql.Timestamp.from(now))
                .update());
        return password;
    }

    // --- A person and their organizations ---

    /** Every organization the person belongs to, with their role: the platform role's one cross-tenant read. */
    public List<Membership> organizationsOf(AccountId account) {
        return memberships.ofAccount(platform.jdbc(), account);
    }

    /**
     * The signed-in person's organizations: as the dashboard's chain read them for this request, else read now. None
     * without a signed-in person.
     */
    @SuppressWarnings("unchecked")
    public List<Membership> organizationsOfCurrentPerson() {
        if (org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                        instanceof org.springframework.web.context.request.ServletRequestAttributes attributes
                && attributes.getRequest().getAttribute(MemberCallerFilter.MEMBERSHIPS) instanceof List<?> read) {
            return (List<Membership>) read;
        }
        return SignedIn.current().map(p -> organizationsOf(p.accountId())).orElse(List.of());
    }

    // --- Joining through an invitation link ---

    /** What an invitation link shows before it is accepted. */
    public record OpenInvitation(
            String organizationName,
            String email,
            MemberRole role,
            Invitation.Status status,
            Instant expiresAt,
            boolean accountExists) {}

    /** The invitation a link's token opens; empty for a token that opens none (unknown, malformed, replaced). */
    public Optional<OpenInvitation> openInvitation(String token) {
        Optional<OrganizationId> org = Tokens.organizationOf(token);
        if (org.isEmpty()) {
            return Optional.empty();
        }
        return TenantContext.callAs(Tenant.live(org.get()), () -> joining.read(token));
    }

    /**
     * Accepts an invitation for a person without an account: makes the account with this name and password and the
     * membership, and uses up the link, all at once. Refused when the link is used, revoked or expired (409
     * {@code invitation_closed}, {@code invitation_expired}), or when an account with that email exists (409
     * {@code account_exists}: sign in and accept instead).
     */
    public Joined acceptAsNewAccount(String token, String name, String password) {
        OrganizationId org = Tokens.organizationOf(token).orElseThrow(MemberService::unknownInvitation);
        String displayName = name == null ? "" : name.strip();
        if (displayName.isEmpty() || displayName.length() > 200) {
            throw new InvalidRequest("Tell us your name (at most 200 characters).", Map.of("name", "required"));
        }
        Passwords.requireAcceptable(password, "password");
        String hash = passwords.hash(password);
        return TenantContext.callAs(Tenant.live(org), () -> joining.join(token, null, displayName, hash));
    }

    /** Accepts an invitation for a person without an account who signs in through OIDC only (no password). */
    Joined acceptWithoutPassword(String token, String name) {
        OrganizationId org = Tokens.organizationOf(token).orElseThrow(MemberService::unknownInvitation);
        String displayName = name == null || name.isBlank() ? "Member" : name.strip();
        String cut = displayName.length() > 200 ? displayName.substring(0, 200) : displayName;
        return TenantContext.callAs(Tenant.live(org), () -> joining.join(token, null, cut, null));
    }

    /** Accepts an invitation as the signed-in person, whose email must be the invitation's. */
    public Joined acceptAsSignedIn(String token, AccountId account) {
        OrganizationId org = Tokens.organizationOf(token).orElseThrow(MemberService::unknownInvitation);
        return TenantContext.callAs(Tenant.live(org), () -> joining.join(token, account, null, null));
    }

    /** Who joined which organization, with which email. */
    public record Joined(AccountId accountId, OrganizationId organizationId, String email) {}

    // --- Password resets ---

    /**
     * Sends a password-reset link to the account with this email, if there is one. The answer is the same either way
     * (no one learns which emails have accounts), and at most a few links per email and hour go out.
     */
    @Transactional
    public void requestPasswordReset(String email) {
        String address = Emails.normalize(email);
        if (address == null) {
            return;
        }
        Optional<Account> account = accounts.byEmail(address);
        if (account.isEmpty()) {
            return;
        }
        if (!budgets.pay("password-reset:" + address, 5, Duration.ofHours(1)).paid()) {
            log.info(
                    "Password reset for account {} not sent: too many asked for within the hour",
                    account.get().id());
            return;
        }
        Instant now = clock.instant();
        String token = Tokens.passwordReset();
        Instant expires = now.plus(settings.passwordResetTtl());
        resets.insert(account.get().id(), Tokens.hash(token), now, expires);
        mail.add(
                jdbc,
                address,
                "Reset your Support Agent Platform password",
                "Someone (we hope you) asked to reset the password of " + address + ".\n\n"
                        + "Choose a new password: " + links.passwordReset(token) + "\n\n"
                        + "The link works once and expires at " + DAY.format(expires.atZone(ZoneOffset.UTC))
                        + ". If you did not ask for it, ignore this mail: your password stays as it is.\n",
                now);
    }

    /** The email of the account a reset link is for, while the link is unused and unexpired. */
    @Transactional(readOnly = true)
    public Optional<String> passwordResetEmail(String token) {
        if (!Tokens.looksLikeReset(token)) {
            return Optional.empty();
        }
        return resets.valid(Tokens.hash(token), clock.instant())
                .flatMap(accounts::byId)
                .map(Account::email);
    }

    /**
     * Sets a new password through a reset link, once: the link and every other reset link of the account stop
     * working, and every session of the person ends. Answers the account's email.
     */
    @Transactional
    public String resetPassword(String token, String password) {
        Passwords.requireAcceptable(password, "password");
        if (!Tokens.looksLikeReset(token)) {
            throw unknownReset();
        }
        Instant now = clock.instant();
        AccountId account = resets.use(Tokens.hash(token), now).orElseThrow(MemberService::unknownReset);
        accounts.changePassword(account, passwords.hash(password), now);
        sessions.endAllOf(account);
        log.info("Password of account {} reset through a reset link", account);
        return accounts.byId(account).orElseThrow().email();
    }

    // --- Helpers ---

    private void queueInvitation(JdbcClient tx, Invitation invitation, String token, String inviter) {
        String org = organizationName(invitation.organizationId());
        mail.add(
                tx,
                invitation.email(),
                "You are invited to join " + org + " on Support Agent Platform",
                inviter + " invited you to join " + org + " as "
                        + invitation.role().code() + ".\n\n"
                        + "Accept the invitation: " + links.invitation(token) + "\n\n"
                        + "The link works once and expires at "
                        + DAY.format(invitation.expiresAt().atZone(ZoneOffset.UTC))
                        + ". If you did not expect this invitation, ignore this mail.\n",
                clock.instant());
    }

    String organizationName(OrganizationId org) {
        return tenancy.organizationSnapshot(org).map(Organization::name).orElse("an organization");
    }

    private static String inviterName() {
        return SignedIn.current()
                .map(p -> p.displayName() + " (" + p.email() + ")")
                .orElse("A member");
    }

    private static Caller.Member actingMember() {
        if (CallerAuthentication.current().orElse(null) instanceof Caller.Member member) {
            return member;
        }
        throw new Forbidden("member_required", "Only a member of the organization may do this.");
    }

    private static void requireOwner(Caller.Member actor, String what) {
        if (actor.memberRole() != MemberRole.OWNER) {
            throw new Forbidden("owner_required", "Only an owner may " + what + ".");
        }
    }

    private static String requireEmail(String email, String field) {
        String address = Emails.normalize(email);
        if (address == null) {
            throw new InvalidRequest("'" + field + "' must be an email address.", Map.of(field, "must be an email"));
        }
        return address;
    }

    private static void requireNonNullRole(MemberRole role) {
        if (role == null) {
            throw new InvalidRequest(
                    "'role' must be one of owner, admin, agent, billing.",
                    Map.of("role", "must be one of owner, admin, agent, billing"));
        }
    }

    private static Conflict lastOwner() {
        return new Conflict(
                "last_owner", "An organization keeps at least one owner: make someone else an owner first.");
    }

    static NotFound unknownInvitation() {
        return new NotFound("invitation", "in this link");
    }

    private static NotFound unknownReset() {
        return new NotFound("password reset", "in this link");
    }

    private static String generatedPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
