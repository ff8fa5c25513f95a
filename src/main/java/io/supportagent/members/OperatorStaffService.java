package io.supportagent.members;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.db.PlatformJdbc;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The platform operator's staff: people who sign in with their own account (the same {@code /login} as members) and
 * use the operator console at {@code /platform}. A person may be staff and a member of organizations at once; being
 * staff gives no membership, and a membership gives no staff rights. Made by the {@code create-operator} command only, undone by {@code remove-operator}.
 */
@Service
public class OperatorStaffService {

    private final Accounts accounts;
    private final OperatorStaffRoster roster;
    private final Passwords passwords;
    private final PlatformJdbc platform;
    private final Clock clock;

    OperatorStaffService(
            Accounts accounts, OperatorStaffRoster roster, Passwords passwords, PlatformJdbc platform, Clock clock) {
        this.accounts = accounts;
        this.roster = roster;
        this.passwords = passwords;
        this.platform = platform;
        this.clock = clock;
    }

    /**
     * What {@link #create} did.
     *
     * @param password the generated password of an account that had none (shown this once; only its hash is kept),
     *     or null when the person already signs in with their own
     * @param alreadyStaff whether the account was operator staff before
     */
    public record Created(AccountId accountId, String email, String password, boolean alreadyStaff) {

        @Override
        public String toString() {
            return "Created[" + accountId + ", " + email + ", password=" + (password == null ? null : "***") + "]";
        }
    }

    /**
     * Makes the person with this email operator staff: a new account (named {@code name}, or after the email) with a
     * generated password, or the existing account as it is, keeping its password (a member becoming staff keeps
     * signing in as before). Running it again changes nothing.
     */
    public Created create(String email, String name) {
        String address = Emails.normalize(email);
        if (address == null) {
            throw new InvalidRequest("Give a valid email address.", Map.of("email", "must be an email address"));
        }
        String displayName = name == null || name.isBlank() ? address.substring(0, address.indexOf('@')) : name.strip();
        if (displayName.length() > 200) {
            throw new InvalidRequest("The name is too long.", Map.of("name", "must be at most 200 characters"));
        }
        Instant now = clock.instant();
        Account account = accounts.byEmail(address).orElseGet(() -> accounts.insert(address, displayName, null, now));
        String password = null;
        if (!account.hasPassword()) {
            password = generatedPassword();
            accounts.changePassword(account.id(), passwords.hash(password), now);
        }
        boolean added = platform.inTransaction(tx -> roster.add(tx, account.id(), now));
        return new Created(account.id(), address, password, !added);
    }

    /**
     * What {@link #remove} did.
     *
     * @param wasStaff whether the person was operator staff (false: nothing changed)
     * @param staffLeft how many operator staff remain
     */
    public record Removed(String email, boolean wasStaff, int staffLeft) {}

    /**
     * Takes the person with this email off the operator staff: the console refuses them on their next request (staff
     * is read on every one), while their account, password and organization memberships stay. Running it again
     * changes nothing.
     */
    public Removed remove(String email) {
        String address = Emails.normalize(email);
        if (address == null) {
            throw new InvalidRequest("Give a valid email address.", Map.of("email", "must be an email address"));
        }
        return accounts.byEmail(address)
                .map(account -> platform.inTransaction(
                        tx -> new Removed(address, roster.remove(tx, account.id()), roster.count(tx))))
                .orElseGet(() -> new Removed(address, false, platform.inTransaction(roster::count)));
    }

    /**
     * Grants ({@code allowed}) or withdraws the right to view organizations' dashboards read-only, off for every staff
     * member unless granted; counts at their next request. Refused (404) for someone who is not staff.
     */
    public void allowViewingAsOrganization(String email, boolean allowed) {
        String address = Emails.normalize(email);
        AccountId account = address == null
                ? null
                : accounts.byEmail(address).map(Account::id).orElse(null);
        if (account == null || !platform.inTransaction(tx -> roster.allowViewingAsOrganization(tx, account, allowed))) {
            throw new io.supportagent.platform.NotFound("operator staff", String.valueOf(email));
        }
    }

    /** Whether the account is staff allowed to view organizations' dashboards read-only (read on every request). */
    public boolean mayViewAsOrganization(AccountId account) {
        return roster.mayViewAsOrganization(account);
    }

    /** Whether the account is operator staff now (read on every console request, so a removal counts at once). */
    public boolean isStaff(AccountId account) {
        return roster.isStaff(account);
    }

    private static String generatedPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
