package io.supportagent.members;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.MemberRole;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.MemberFixtures;
import io.supportagent.tenancy.Tier;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signing in to the dashboard through the real form: the session lands in PostgreSQL under a new id (session
 * fixation), wrong passwords and unknown emails read alike, spent budgets say so, and signing out ends the session.
 */
@DashboardTest
class SignInTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aMemberSignsInAndLandsOnTheirOrganizationsOverview() {
        var org = fixtures.organization(Tier.PRO);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        DashboardSession browser = DashboardSession.signedIn(port, owner);

        var entry = browser.get("/app");
        assertThat(entry.status()).isEqualTo(302);
        assertThat(entry.location()).endsWith("/app/" + org.organization().id() + "/live");
        var overview = browser.follow(entry);

        assertThat(overview.status()).as(overview.toString()).isEqualTo(200);
        assertThat(overview.body()).contains(org.organization().name()).contains("Conversations this month");
        assertThat(overview.header("Content-Security-Policy")).contains("script-src 'self'");
    }

    @Test
    void signingInGivesANewSessionKeptInTheDatabase() {
        var org = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        DashboardSession browser = DashboardSession.anonymous(port);
        browser.get("/app"); // a session before signing in (the page to return to)
        String before = browser.sessionCookie();
        assertThat(before).isNotNull();

        var signedIn = browser.signIn(owner.email(), owner.password());

        assertThat(signedIn.status()).isEqualTo(302);
        String after = browser.sessionCookie();
        assertThat(after).isNotNull().isNotEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = :account")
                        .param("account", owner.accountId().toString())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        // The id from before signing in opens nothing: an attacker who planted it gains no session.
        DashboardSession attacker = DashboardSession.anonymous(port);
        attacker.useSessionCookie(before);
        assertThat(attacker.get("/app/" + org.organization().id() + "/live").status())
                .isEqualTo(302);
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailReadAlike() {
        var org = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);

        DashboardSession browser = DashboardSession.anonymous(port);
        var wrong = browser.signIn(owner.email(), "not the password at all");
        String wrongPage = browser.follow(wrong).body();
        var unknown = browser.signIn("nobody-" + owner.email(), "not the password at all");
        String unknownPage = browser.follow(unknown).body();

        assertThat(wrong.location()).isEqualTo(unknown.location());
        assertThat(wrongPage).contains("The email or the password is wrong.");
        assertThat(unknownPage).contains("The email or the password is wrong.");
        assertThat(browser.get("/app").status()).isEqualTo(302);
    }

    @Test
    void tooManyWrongPasswordsPauseSigningInForThatEmailAndSaySo() {
        var org = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        DashboardSession guesser = DashboardSession.anonymous(port);
        for (int i = 0; i < 5; i++) {
            String page = guesser.follow(guesser.signIn(owner.email(), "guess number " + i))
                    .body();
            assertThat(page).contains("The email or the password is wrong.");
        }

        var throttled = guesser.follow(guesser.signIn(owner.email(), owner.password()));

        assertThat(throttled.body()).contains("Too many sign-in attempts").doesNotContain("is wrong");
        assertThat(DashboardSession.anonymous(port)
                        .signIn(owner.email(), owner.password())
                        .location())
                .as("the right password, while the email's budget is spent")
                .contains("/login");
        // An unknown email is paused the same way: the pause tells nothing about which emails have accounts.
        String stranger = "stranger-" + owner.email();
        for (int i = 0; i < 5; i++) {
            guesser.signIn(stranger, "guess number " + i);
        }
        assertThat(guesser.follow(guesser.signIn(stranger, "guess")).body()).contains("Too many sign-in attempts");
    }

    @Test
    void signingOutEndsTheSession() {
        var org = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        DashboardSession browser = DashboardSession.signedIn(port, owner);
        String page = "/app/" + org.organization().id() + "/live";
        assertThat(browser.get(page).status()).isEqualTo(200);
        String session = browser.sessionCookie();

        var out = browser.post("/logout", Map.of());

        assertThat(out.status()).isEqualTo(302);
        assertThat(out.location()).contains("/login?signed-out");
        assertThat(browser.get(page).status()).isEqualTo(302);
        DashboardSession replay = DashboardSession.anonymous(port);
        replay.useSessionCookie(session);
        assertThat(replay.get(page).status()).isEqualTo(302);
    }
}
