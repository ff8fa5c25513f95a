package io.supportagent.members;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.Conflict;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.web.ClientAddress;
import io.supportagent.ratelimit.FailureBudgets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Two-factor sign-in with an authenticator app, for one person: setting it up (a new secret, shown once as a QR code
 * and as text, confirmed with a code before it counts), recovery codes (ten, shown once, kept hashed, each used once),
 * turning it off, and checking the code of a sign-in. Every code check is paid for from the person's failure budget
 * and the client address's, as passwords are ({@link PasswordSignIn}); a right code pays back. Turning it on or off,
 * new recovery codes and a used recovery code are written to the audit log of each organization the person is in.
 */
@Component
class TwoFactor {

    private static final Logger log = LoggerFactory.getLogger(TwoFactor.class);
    static final int RECOVERY_CODES = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String RECOVERY_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    /** What the person's security page shows. {@code setup} is there while a secret waits for its first code. */
    record Status(boolean enabled, Instant enabledAt, int recoveryCodesLeft, Setup setup) {}

    /** A secret being set up: the QR code (an SVG) and the same secret for typing in. */
    record Setup(String qrSvg, String secretForTyping) {}

    /** How a sign-in's second step was proven. */
    enum Proof {
        AUTHENTICATOR,
        RECOVERY_CODE
    }

    /** Too many wrong codes: 429 until the budget refills. */
    static final class CodesThrottled extends ApiProblem {
        private final Duration retryAfter;

        CodesThrottled(Duration retryAfter) {
            super(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too_many_failed_attempts",
                    "Too many failed attempts",
                    "Too many wrong codes. For your security, codes are refused for "
                            + Math.max(1, retryAfter.plusSeconds(59).toMinutes()) + " minutes.");
            this.retryAfter = retryAfter;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
    }

    private final AuthenticatorApps apps;
    private final AuthenticatorSecrets secrets;
    private final Accounts accounts;
    private final Passwords passwords;
    private final MemberService members;
    private final AuditTrail audit;
    private final FailureBudgets budgets;
    private final TwoFactorSettings settings;
    private final MembersSettings membersSettings;
    private final Clock clock;

    TwoFactor(
            AuthenticatorApps apps,
            AuthenticatorSecrets secrets,
            Accounts accounts,
            Passwords passwords,
            MemberService members,
            AuditTrail audit,
            FailureBudgets budgets,
            TwoFactorSettings settings,
            MembersSettings membersSettings,
            Clock clock) {
        this.apps = apps;
        this.secrets = secrets;
        this.accounts = accounts;
        this.passwords = passwords;
        this.members = members;
        this.audit = audit;
        this.budgets = budgets;
        this.settings = settings;
        this.membersSettings = membersSettings;
        this.clock = clock;
    }

    boolean enabled(AccountId account) {
        return apps.of(account).map(AuthenticatorApps.App::enabled).orElse(false);
    }

    Status status(AccountId account) {
        Optional<AuthenticatorApps.App> app = apps.of(account);
        if (app.isPresent() && app.get().enabled()) {
            return new Status(true, app.get().enabledAt(), apps.recoveryCodesLeft(account), null);
        }
        Setup setup = app.map(a -> setup(account, secrets.open(account, a.sealedSecret())))
                .orElse(null);
        return new Status(false, null, 0, setup);
    }

    /** A new secret to scan, replacing one not confirmed yet; 409 while two-factor sign-in is on. */
    void startSetup(AccountId account) {
        byte[] secret = AuthenticatorCodes.newSecret();
        if (!apps.startSetup(account, secrets.seal(account, secret), clock.instant())) {
            throw alreadyOn();
        }
    }

    /** Turns it on with the first code of the secret being set up; answers the recovery codes (shown once). */
    List<String> enable(AccountId account, String code, String address) {
        AuthenticatorApps.App app = apps.of(account)
                .orElseThrow(() -> new Conflict(
                        "two_factor_not_set_up", "Start the setup first: scan the QR code, then type its code."));
        if (app.enabled()) {
            throw alreadyOn();
        }
        requireAuthenticatorCode(app, code, address);
        Instant now = clock.instant();
        List<String> codes = newRecoveryCodes();
        if (!apps.enableWithRecoveryCodes(account, hashes(account, codes), now)) {
            throw alreadyOn();
        }
        auditEverywhere(account, "two_factor.enabled", "turned on two-factor sign-in");
        return codes;
    }

    /** New recovery codes for a current authenticator code: the old ones stop working. */
    List<String> regenerateRecoveryCodes(AccountId account, String code, String address) {
        AuthenticatorApps.App app = enabledApp(account);
        requireAuthenticatorCode(app, code, address);
        List<String> codes = newRecoveryCodes();
        apps.replaceRecoveryCodes(account, hashes(account, codes), clock.instant());
        auditEverywhere(account, "two_factor.recovery_codes_regenerated", "made new two-factor recovery codes");
        return codes;
    }

    /** Turns it off, for a current authenticator code or the account's password. */
    void disable(AccountId account, String codeOrPassword, String address) {
        AuthenticatorApps.App app = enabledApp(account);
        if (AuthenticatorCodes.looksLikeCode(codeOrPassword)) {
            requireAuthenticatorCode(app, codeOrPassword, address);
        } else {
            Budget budget = pay(account, address);
            Account person = accounts.byId(account).orElseThrow();
            if (codeOrPassword == null
                    || codeOrPassword.isEmpty()
                    || !passwords.matches(codeOrPassword, person.passwordHash())) {
                throw new InvalidRequest(
                        "Type a current code from your authenticator app, or your password.",
                        Map.of("confirmation", "wrong code or password"));
            }
            budget.refund();
        }
        apps.remove(account);
        auditEverywhere(account, "two_factor.disabled", "turned off two-factor sign-in");
    }

    /**
     * The second step of a sign-in: a code of the person's authenticator app, or one of their recovery codes (used up
     * by this). 400 for a wrong, used or malformed code; 429 once too many were wrong.
     */
    Proof verifySignIn(AccountId account, String code, String address) {
        AuthenticatorApps.App app = enabledApp(account);
        if (AuthenticatorCodes.looksLikeCode(code)) {
            requireAuthenticatorCode(app, code, address);
            return Proof.AUTHENTICATOR;
        }
        String recovery = normalizeRecoveryCode(code);
        if (recovery == null) {
            throw new InvalidRequest(
                    "Type the 6-digit code from your authenticator app, or a recovery code (like abcde-23456).",
                    Map.of("code", "malformed"));
        }
        Budget budget = pay(account, address);
        if (!apps.useRecoveryCode(account, hash(account, recovery), clock.instant())) {
            throw new InvalidRequest(
                    "That recovery code is not one of yours, or was used already.", Map.of("code", "wrong"));
        }
        budget.refund();
        int left = apps.recoveryCodesLeft(account);
        auditEverywhere(
                account,
                "two_factor.recovery_code_used",
                "signed in with a recovery code (" + left + " left)",
                Map.of("recovery_codes_left", left));
        return Proof.RECOVERY_CODE;
    }

    // --- Helpers ---

    private AuthenticatorApps.App enabledApp(AccountId account) {
        return apps.of(account)
                .filter(AuthenticatorApps.App::enabled)
                .orElseThrow(() -> new Conflict("two_factor_off", "Two-factor sign-in is not on for this account."));
    }

    private void requireAuthenticatorCode(AuthenticatorApps.App app, String code, String address) {
        if (!AuthenticatorCodes.looksLikeCode(code)) {
            throw new InvalidRequest(
                    "Type the 6-digit code your authenticator app shows now.", Map.of("code", "must be 6 digits"));
        }
        Budget budget = pay(app.account(), address);
        byte[] secret = secrets.open(app.account(), app.sealedSecret());
        Instant now = clock.instant();
        OptionalLong step = AuthenticatorCodes.acceptedStep(secret, code, now, app.lastUsedStep());
        if (step.isEmpty() || !apps.use(app.account(), step.getAsLong())) {
            boolean usedBefore = step.isEmpty()
                    && AuthenticatorCodes.acceptedStep(secret, code, now, null).isPresent();
            throw new InvalidRequest(
                    usedBefore || step.isPresent()
                            ? "That code was used already. Wait for your app to show the next one."
                            : "That code is not right. Check your device's clock and type the code shown now.",
                    Map.of("code", usedBefore || step.isPresent() ? "used already" : "wrong"));
        }
        budget.refund();
    }

    /** The two budgets a code check is paid from: the person's and the client address's. */
    private final class Budget {
        private final String account;
        private final String address;

        Budget(String account, String address) {
            this.account = account;
            this.address = address;
        }

        void refund() {
            budgets.refund(account, settings.failedCodesPerAccount(), membersSettings.failedSignInsWindow());
            if (address != null) {
                budgets.refund(
                        address, membersSettings.failedSignInsPerAddress(), membersSettings.failedSignInsWindow());
            }
        }
    }

    private Budget pay(AccountId account, String clientAddress) {
        Duration window = membersSettings.failedSignInsWindow();
        String addressKey = clientAddress == null ? null : "two-factor-address:" + ClientAddress.group(clientAddress);
        if (addressKey != null) {
            FailureBudgets.Payment byAddress =
                    budgets.pay(addressKey, membersSettings.failedSignInsPerAddress(), window);
            if (!byAddress.paid()) {
                throw new CodesThrottled(byAddress.retryAfter());
            }
        }
        String accountKey = "two-factor:" + account;
        FailureBudgets.Payment byAccount = budgets.pay(accountKey, settings.failedCodesPerAccount(), window);
        if (!byAccount.paid()) {
            if (addressKey != null) {
                budgets.refund(addressKey, membersSettings.failedSignInsPerAddress(), window);
            }
            throw new CodesThrottled(byAccount.retryAfter());
        }
        return new Budget(accountKey, addressKey);
    }

    private Setup setup(AccountId account, byte[] secret) {
        String email = accounts.byId(account).map(Account::email).orElse(account.toString());
        return new Setup(
                QrCodes.svg(AuthenticatorCodes.uri(secret, settings.issuer(), email)),
                AuthenticatorCodes.forTyping(secret));
    }

    private static Conflict alreadyOn() {
        return new Conflict(
                "two_factor_on", "Two-factor sign-in is on already: turn it off first to use another device.");
    }

    private static List<String> newRecoveryCodes() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                if (c == 5) {
                    code.append('-');
                }
                code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** A recovery code as typed (any case, with or without its dash and spaces), or null if it cannot be one. */
    static String normalizeRecoveryCode(String typed) {
        if (typed == null || typed.length() > 40) {
            return null;
        }
        String plain = typed.replace("-", "").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
        return plain.length() == 10 && plain.chars().allMatch(c -> RECOVERY_ALPHABET.indexOf(c) >= 0) ? plain : null;
    }

    private static List<byte[]> hashes(AccountId account, List<String> codes) {
        return codes.stream().map(c -> hash(account, normalizeRecoveryCode(c))).toList();
    }

    private static byte[] hash(AccountId account, String normalizedCode) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((account + ":" + normalizedCode).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void auditEverywhere(AccountId account, String action, String what) {
        auditEverywhere(account, action, what, Map.of());
    }

    /** The person's own security change, in the audit log of every organization they are in (they act in all). */
    private void auditEverywhere(AccountId account, String action, String what, Map<String, Object> details) {
        String email = accounts.byId(account).map(Account::email).orElse(account.toString());
        log.info("Account {}: {}", account, action);
        for (Membership membership : members.organizationsOf(account)) {
            AuditTrail.Entry entry = AuditTrail.Entry.of(action, "member", account, email + " " + what);
            for (Map.Entry<String, Object> detail : details.entrySet()) {
                entry = entry.with(detail.getKey(), detail.getValue());
            }
            AuditTrail.Entry recorded = entry.with("email", email);
            TenantContext.runAs(
                    Tenant.live(membership.organizationId()), () -> audit.recordByPerson(recorded, account, email));
        }
    }
}
