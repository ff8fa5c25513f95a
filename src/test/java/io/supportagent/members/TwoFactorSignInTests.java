package io.supportagent.members;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.MemberRole;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.AuthenticatorApp;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.MemberFixtures;
import io.supportagent.support.TestClock;
import io.supportagent.tenancy.Tier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two-factor sign-in through the real pages and the real security chain, against PostgreSQL: a person turns it on
 * from their sign-in security page by reading the key it shows into an authenticator app (here one written from RFC
 * 6238) and confirming with a code; afterwards a right password alone opens nothing, and only a right code (or an
 * unused recovery code) signs in. Codes are accepted once, wrong ones are paused like passwords, and every change is
 * in the audit log of the person's organizations and only theirs.
 */
@DashboardTest
class TwoFactorSignInTests {

    private static final Pattern SECRET = Pattern.compile("id=\"two-factor-secret\">([A-Z2-7 ]+)<");
    private static final Pattern RECOVERY = Pattern.compile("<code>([a-z2-9]{5}-[a-z2-9]{5})</code>");
    private static final String SECURITY = "/app/account/security";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    TestClock clock;

    @Autowired
    PlatformJdbc platform;

    @Autowired
    OperatorStaffService staff;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    record Enabled(AuthenticatorApp app, List<String> recoveryCodes) {}

    /** Turns two-factor sign-in on as a person does: setup, read the key, type the code, keep the recovery codes. */
    private Enabled turnOn(DashboardSession browser) {
        assertThat(browser.get(SECURITY).body()).contains("Two-factor sign-in").contains("Set up two-factor sign-in");
        var started = browser.post(SECURITY + "/two-factor/setup", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(302);
        var setup = browser.get(SECURITY);
        assertThat(setup.body()).contains("<svg").contains("QR code for your authenticator app");
        Matcher key = SECRET.matcher(setup.body());
        assertThat(key.find()).as(setup.body()).isTrue();
        AuthenticatorApp app = new AuthenticatorApp(key.group(1));

        var on = browser.post(SECURITY + "/two-factor/enable", Map.of("code", app.codeAt(clock.instant())));

        assertThat(on.status()).as(on.toString()).isEqualTo(200);
        assertThat(on.body()).contains("Two-factor sign-in is on.");
        List<String> codes = recoveryCodes(on.body());
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(on.header("Cache-Control")).contains("no-store");
        return new Enabled(app, codes);
    }

    /** The next code of the app: a step later than any used so far (the clock moves on by one step). */
    private String nextCode(AuthenticatorApp app) {
        clock.moveTo(clock.instant().plusSeconds(30));
        return app.codeAt(clock.instant());
    }

    private static List<String> recoveryCodes(String page) {
        List<String> codes = new ArrayList<>();
        Matcher m = RECOVERY.matcher(page);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    /** Signs in with the password only: the answer sends the browser to the code's page. */
    private DashboardSession halfSignedIn(MemberFixtures.Person person) {
        DashboardSession browser = DashboardSession.anonymous(port);
        var password = browser.signIn(person.email(), person.password());
        assertThat(password.status()).isEqualTo(302);
        assertThat(password.location()).endsWith("/login/two-factor");
        assertThat(browser.follow(password).body())
                .contains("Authentication code")
                .contains(person.email());
        return browser;
    }

    private List<String> auditActions(OrganizationId org, MemberFixtures.Person person) {
        return platform.jdbc()
                .sql("""
                        SELECT action FROM audit_events
                         WHERE organization_id = :org AND actor_id = :account AND action LIKE 'two_factor.%'
                         ORDER BY created_at""")
                .param("org", org.value())
                .param("account", person.accountId().toString())
                .query(String.class)
                .list();
    }

    @Test
    void aMemberTurnsItOnAndThenSignsInWithTheirPasswordAndACode() {
        var org = fixtures.organization(Tier.PRO);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        DashboardSession first = DashboardSession.signedIn(port, owner);
        Enabled on = turnOn(first);
        var after = first.get(SECURITY);
        assertThat(after.body()).contains("10 of 10 recovery codes left").doesNotContain("two-factor-secret");
        assertThat(recoveryCodes(after.body()))
                .as("recovery codes are shown once")
                .isEmpty();

        DashboardSession browser = halfSignedIn(owner);
        String halfway = browser.sessionCookie();
        var signedIn = browser.post("/login/two-factor", Map.of("code", nextCode(on.app())));

        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(302);
        assertThat(signedIn.location()).endsWith("/app");
        assertThat(browser.sessionCookie())
                .as("a new session id once signed in")
                .isNotEqualTo(halfway);
        String overview = "/app/" + org.organization().id() + "/live";
        assertThat(browser.get(overview).status()).isEqualTo(200);
        DashboardSession thief = DashboardSession.anonymous(port);
        thief.useSessionCookie(halfway);
        assertThat(thief.get(overview).status()).isEqualTo(302);
    }

    @Test
    void aRightPasswordAloneOpensNoPageOfTheDashboardOrTheConsole() {
        var org = fixtures.organization(Tier.PRO);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        String email = "staff-2fa-" + UUID.randomUUID().toString().substring(0, 8) + "@platform.example";
        OperatorStaffService.Created created = staff.create(email, "Two Factor Staff");
        var operator = new MemberFixtures.Person(created.accountId(), email, created.password());
        people.alsoJoin(operator, org.organization().id(), MemberRole.ADMIN);
        turnOn(DashboardSession.signedIn(port, operator));
        turnOn(DashboardSession.signedIn(port, owner));

        for (var person : List.of(owner, operator)) {
            DashboardSession half = halfSignedIn(person);
            String o = "/app/" + org.organization().id();
            for (String page : List.of(
                    "/app",
                    o,
                    o + "/live",
                    o + "/live/team",
                    o + "/live/api-keys",
                    o + "/test/audit",
                    "/app/inbox",
                    SECURITY,
                    "/platform",
                    "/platform/organizations")) {
                var answer = half.get(page);
                assertThat(answer.status())
                        .as(person.email() + " " + page + " " + answer)
                        .isEqualTo(302);
                assertThat(answer.location()).as(page).endsWith("/login/two-factor");
            }
            var htmx = half.getAsHtmx(o + "/live/team");
            assertThat(htmx.status()).as(htmx.toString()).isEqualTo(401);
            assertThat(htmx.header("HX-Redirect")).endsWith("/login/two-factor");
            assertThat(half.get("/v1/usage", "application/json").status())
                    .as("the API takes no session")
                    .isEqualTo(401);
            var json = half.get(o + "/live/inbox/queue", "application/json");
            assertThat(json.status()).as(json.toString()).isIn(302, 401, 403);
            var post = half.post(SECURITY + "/two-factor/disable", Map.of("confirmation", person.password()));
            assertThat(post.status()).as(post.toString()).isEqualTo(302);
            assertThat(post.location()).endsWith("/login/two-factor");
            var team = half.post(o + "/live/team/invitations", Map.of("email", "x@people.example", "role", "agent"));
            assertThat(team.location()).as(team.toString()).endsWith("/login/two-factor");
            // Signing in is still pending, and the sign-in page offers to start over.
            assertThat(half.get("/login").status()).isEqualTo(200);
        }
    }

    @Test
    void wrongReusedAndMalformedCodesAreRefusedOnThePage() {
        var org = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        DashboardSession setup = DashboardSession.signedIn(port, owner);
        setup.get(SECURITY);
        setup.post(SECURITY + "/two-factor/setup", Map.of());
        Matcher key = SECRET.matcher(setup.get(SECURITY).body());
        assertThat(key.find()).isTrue();
        AuthenticatorApp app = new AuthenticatorApp(key.group(1));
        String right = app.codeAt(clock.instant());
        String wrong = right.equals("000000") ? "111111" : "000000";

        var refused = setup.post(SECURITY + "/two-factor/enable", Map.of("code", wrong));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("That code is not right");
        var malformed = setup.post(SECURITY + "/two-factor/enable", Map.of("code", "12ab"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("6-digit code");
        assertThat(setup.get(SECURITY).body()).as("still off").contains("two-factor-secret");
        var on = setup.post(SECURITY + "/two-factor/enable", Map.of("code", right));
        assertThat(on.status()).as(on.toString()).isEqualTo(200);

        DashboardSession browser = halfSignedIn(owner);
        var reused = browser.post("/login/two-factor", Map.of("code", right));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.body()).contains("That code was used already");
        for (String odd : List.of("", "abc", "1234567", "12345", "' OR 1=1 --", "x".repeat(5000), "１２３４５６")) {
            var answer = browser.post("/login/two-factor", Map.of("code", odd));
            assertThat(answer.status()).as("'" + odd + "' " + answer).isEqualTo(400);
            assertThat(answer.body()).contains("6-digit code");
        }
        var wrongAtSignIn = browser.post("/login/two-factor", Map.of("code", wrong));
        assertThat(wrongAtSignIn.status()).isEqualTo(400);
        assertThat(browser.get("/app").location()).endsWith("/login/two-factor");
        // The next code, with spaces as apps show it, signs in.
        String next = nextCode(app);
        var signedIn =
                browser.post("/login/two-factor", Map.of("code", next.substring(0, 3) + " " + next.substring(3)));
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(302);
        assertThat(browser.get("/app/" + org.organization().id() + "/live").status())
                .isEqualTo(200);
    }

    @Test
    void aRecoveryCodeSignsInOnceAndIsAuditedInThePersonsOrganizationsOnly() {
        var org = fixtures.organization(Tier.BASIC);
        var other = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        people.join(other.organization().id(), MemberRole.OWNER);
        Enabled on = turnOn(DashboardSession.signedIn(port, owner));
        String recovery = on.recoveryCodes().get(3);

        DashboardSession browser = halfSignedIn(owner);
        var signedIn = browser.post("/login/two-factor", Map.of("code", recovery.toUpperCase(java.util.Locale.ROOT)));
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(302);
        assertThat(browser.get(SECURITY).body()).contains("9 of 10 recovery codes left");

        DashboardSession again = halfSignedIn(owner);
        var used = again.post("/login/two-factor", Map.of("code", recovery));
        assertThat(used.status()).isEqualTo(400);
        assertThat(used.body()).contains("was used already");
        assertThat(again.get("/app").location()).endsWith("/login/two-factor");

        assertThat(auditActions(org.organization().id(), owner))
                .containsExactly("two_factor.enabled", "two_factor.recovery_code_used");
        assertThat(auditActions(other.organization().id(), owner)).isEmpty();
    }

    @Test
    void tooManyWrongCodesPauseCodesEvenTheRightOne() {
        var org = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        Enabled on = turnOn(DashboardSession.signedIn(port, owner));
        DashboardSession guesser = halfSignedIn(owner);
        String right = nextCode(on.app());
        String wrong = right.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.post("/login/two-factor", Map.of("code", wrong)).status())
                    .isEqualTo(400);
        }

        var paused = guesser.post("/login/two-factor", Map.of("code", right));

        assertThat(paused.status()).isEqualTo(429);
        assertThat(paused.body()).contains("Too many wrong codes");
        assertThat(paused.header("Retry-After")).isNotNull();
        assertThat(guesser.get("/app").location()).endsWith("/login/two-factor");
        // Recovery codes are paused alike: guessing cannot switch to them.
        var recovery = guesser.post(
                "/login/two-factor", Map.of("code", on.recoveryCodes().get(0)));
        assertThat(recovery.status()).isEqualTo(429);
    }

    @Test
    void newRecoveryCodesNeedACodeAndReplaceTheOldOnes() {
        var org = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        DashboardSession browser = DashboardSession.signedIn(port, owner);
        Enabled on = turnOn(browser);

        var refused = browser.post(
                SECURITY + "/two-factor/recovery-codes",
                Map.of("code", on.recoveryCodes().get(0)));
        assertThat(refused.status()).isEqualTo(400);
        var fresh = browser.post(SECURITY + "/two-factor/recovery-codes", Map.of("code", nextCode(on.app())));
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
        List<String> codes = recoveryCodes(fresh.body());
        assertThat(codes).hasSize(10).doesNotContainAnyElementsOf(on.recoveryCodes());

        DashboardSession old = halfSignedIn(owner);
        assertThat(old.post(
                                "/login/two-factor",
                                Map.of("code", on.recoveryCodes().get(0)))
                        .status())
                .isEqualTo(400);
        assertThat(old.post("/login/two-factor", Map.of("code", codes.get(0))).status())
                .isEqualTo(302);
        assertThat(auditActions(org.organization().id(), owner))
                .containsExactly(
                        "two_factor.enabled", "two_factor.recovery_codes_regenerated", "two_factor.recovery_code_used");
    }

    @Test
    void turningItOffNeedsACodeOrThePasswordAndThenThePasswordSignsInAlone() {
        var org = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        DashboardSession browser = DashboardSession.signedIn(port, owner);
        turnOn(browser);

        var wrong = browser.post(SECURITY + "/two-factor/disable", Map.of("confirmation", "not my password"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("or your password");
        var off = browser.post(SECURITY + "/two-factor/disable", Map.of("confirmation", owner.password()));
        assertThat(off.status()).as(off.toString()).isEqualTo(302);
        assertThat(browser.follow(off).body()).contains("Two-factor sign-in is off.");

        DashboardSession.signedIn(port, owner); // the password alone signs in again
        assertThat(auditActions(org.organization().id(), owner))
                .containsExactly("two_factor.enabled", "two_factor.disabled");
        var again = browser.post(SECURITY + "/two-factor/disable", Map.of("confirmation", owner.password()));
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void theTeamPageShowsAdminsWhoSignsInWithTwoFactors() {
        var org = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        var agent = people.join(org.organization().id(), MemberRole.AGENT);
        Enabled on = turnOn(DashboardSession.signedIn(port, agent));
        DashboardSession admin = DashboardSession.signedIn(port, owner);

        String team =
                admin.get("/app/" + org.organization().id() + "/live/team").body();

        assertThat(team).contains("Two-factor sign-in on for " + agent.email());
        assertThat(team).contains("Two-factor sign-in off for " + owner.email());
        assertThat(on.recoveryCodes()).isNotEmpty();
    }

    @Test
    void theSecretIsSealedInTheDatabase() {
        var org = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        DashboardSession browser = DashboardSession.signedIn(port, owner);
        browser.get(SECURITY);
        browser.post(SECURITY + "/two-factor/setup", Map.of());
        Matcher key = SECRET.matcher(browser.get(SECURITY).body());
        assertThat(key.find()).isTrue();
        byte[] stored = platform.jdbc()
                .sql("SELECT secret_sealed FROM account_two_factor WHERE account_id = :account")
                .param("account", owner.accountId().value())
                .query(byte[].class)
                .single();
        String raw = key.group(1).replace(" ", "");
        assertThat(stored[0]).as("sealed").isEqualTo((byte) 1);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(raw);
        assertThat(stored.length).isGreaterThan(20 + 12 + 16);
    }

    @Test
    void anOwnerRequiresItAndMembersWithoutItAreSentToSetItUpInThatOrganizationOnly() {
        var org = fixtures.organization(Tier.BASIC);
        var other = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        var admin = people.join(org.organization().id(), MemberRole.ADMIN);
        people.alsoJoin(admin, other.organization().id(), MemberRole.AGENT);
        String team = "/app/" + org.organization().id() + "/live/team";
        DashboardSession owning = DashboardSession.signedIn(port, owner);
        owning.get(team);
        var notYet = owning.post(team + "/two-factor", Map.of("required", "true"));
        assertThat(notYet.status()).isEqualTo(409);
        assertThat(notYet.body()).contains("Turn on two-factor sign-in for yourself first");
        DashboardSession administering = DashboardSession.signedIn(port, admin);
        administering.get(team);
        assertThat(administering
                        .post(team + "/two-factor", Map.of("required", "true"))
                        .status())
                .as("owners only")
                .isEqualTo(403);

        Enabled on = turnOn(owning);
        owning.get(team);
        var required = owning.post(team + "/two-factor", Map.of("required", "true"));
        assertThat(required.status()).as(required.toString()).isEqualTo(302);
        assertThat(owning.follow(required).body())
                .contains("Required")
                .containsPattern(">1</span>\\s*of\\s*<span>2</span>");

        DashboardSession member = DashboardSession.signedIn(port, admin);
        var sent = member.get("/app/" + org.organization().id() + "/live");
        assertThat(sent.status()).isEqualTo(302);
        assertThat(sent.location()).endsWith(SECURITY + "?required");
        assertThat(member.follow(sent).body()).contains("requires two-factor sign-in");
        assertThat(member.get(team).location()).endsWith(SECURITY + "?required");
        assertThat(member.get("/app/" + other.organization().id() + "/live").status())
                .as("the other organization does not require it")
                .isEqualTo(200);
        turnOn(member);
        assertThat(member.get("/app/" + org.organization().id() + "/live").status())
                .isEqualTo(200);
        assertThat(platform.jdbc()
                        .sql("SELECT count(*) FROM audit_events WHERE organization_id = :org AND action = :action")
                        .param("org", org.organization().id().value())
                        .param("action", "organization.two_factor_required")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(on.recoveryCodes()).hasSize(10);
    }

    @Test
    void aCodeGivenTooLongAfterThePasswordStartsOverAtThePassword() {
        var org = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        Enabled on = turnOn(DashboardSession.signedIn(port, owner));
        DashboardSession browser = halfSignedIn(owner);

        clock.moveTo(clock.instant().plusSeconds(6 * 60));
        var late = browser.post("/login/two-factor", Map.of("code", on.app().codeAt(clock.instant())));

        assertThat(late.status()).isEqualTo(302);
        assertThat(late.location()).contains("/login?error=two_factor_expired");
        assertThat(browser.follow(late).body()).contains("Signing in took too long");
        assertThat(browser.get("/login/two-factor").location()).endsWith("/login");
        assertThat(browser.get("/app").location())
                .as("signed out, not half-way")
                .endsWith("/login");
    }
}
