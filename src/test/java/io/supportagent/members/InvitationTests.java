package io.supportagent.members;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.MemberRole;
import io.supportagent.platform.OperatorToken;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.MailCatcher;
import io.supportagent.support.MemberFixtures;
import io.supportagent.support.TestClock;
import io.supportagent.tenancy.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Invitation and password-reset links: sent by mail through the outbox, each works once, stops working when it
 * expires or is replaced or revoked, and the operator's new organization comes with its owner's invitation.
 */
@DashboardTest
class InvitationTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    MailCatcher mail;

    @Autowired
    TestClock clock;

    @Autowired
    OperatorToken operatorToken;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theOperatorCreatesAnOrganizationWhoseOwnerJoinsThroughTheLinkOnce() {
        String email = "founder-" + UUID.randomUUID().toString().substring(0, 8) + "@people.example";
        var created = Http.on(port)
                .bearer(operatorToken.reveal())
                .header("Idempotency-Key", "onboard-" + email)
                .post(
                        "/platform/v1/organizations",
                        Map.of("name", "Founders Inc", "tier", "pro", "owner_email", email));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String url = created.json().get("owner_invitation_url").asString();
        assertThat(url).contains("/invitations/accept?token=inv_");
        String link = url.substring(url.indexOf("/invitations/"));
        assertThat(MailCatcher.link(mail.await(email, "Accept the invitation"))).isEqualTo(link);
        var replay = Http.on(port)
                .bearer(operatorToken.reveal())
                .header("Idempotency-Key", "onboard-" + email)
                .post(
                        "/platform/v1/organizations",
                        Map.of("name", "Founders Inc", "tier", "pro", "owner_email", email));
        assertThat(replay.body()).as("a replay never repeats the link").doesNotContain("inv_");

        DashboardSession browser = DashboardSession.anonymous(port);
        var page = browser.get(link);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("Join <span>Founders Inc</span>")
                .contains(email)
                .contains("owner");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");

        var joined = browser.post(
                "/invitations/accept",
                Map.of(
                        "token",
                        token(link),
                        "name",
                        "Fran Founder",
                        "password",
                        "a long enough password",
                        "password_confirmation",
                        "a long enough password"));
        assertThat(joined.status()).as(joined.toString()).isEqualTo(302);
        assertThat(browser.follow(joined).body()).contains("Your account is ready");
        assertThat(browser.signIn(email, "a long enough password").location()).doesNotContain("/login");
        String organization = created.json().get("id").asString();
        assertThat(browser.get("/app/" + organization + "/live/team").body()).contains("Fran Founder");

        DashboardSession again = DashboardSession.anonymous(port);
        var used = again.get(link);
        assertThat(used.status()).isEqualTo(410);
        assertThat(used.body()).contains("accepted already");
        var reused = again.post(
                "/invitations/accept",
                Map.of(
                        "token",
                        token(link),
                        "name",
                        "Mallory",
                        "password",
                        "another long password",
                        "password_confirmation",
                        "another long password"));
        assertThat(reused.status()).isEqualTo(409);
    }

    @Test
    void anInvitationLinkExpires() {
        var org = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        DashboardSession admin = DashboardSession.signedIn(port, owner);
        String team = "/app/" + org.organization().id() + "/live/team";
        admin.get(team);
        String email = "late-" + UUID.randomUUID().toString().substring(0, 8) + "@people.example";
        assertThat(admin.post(team + "/invitations", Map.of("email", email, "role", "agent"))
                        .status())
                .isEqualTo(302);
        String link = MailCatcher.link(mail.await(email, "Accept the invitation"));

        clock.moveTo(Instant.now().plus(Duration.ofDays(8)));

        DashboardSession invitee = DashboardSession.anonymous(port);
        var page = invitee.get(link);
        assertThat(page.status()).isEqualTo(410);
        assertThat(page.body()).contains("expired");
        var accepted = invitee.post(
                "/invitations/accept",
                Map.of(
                        "token",
                        token(link),
                        "name",
                        "Late",
                        "password",
                        "a long enough password",
                        "password_confirmation",
                        "a long enough password"));
        assertThat(accepted.status()).isEqualTo(409);
        assertThat(invitee.signIn(email, "a long enough password").location()).contains("/login");
    }

    @Test
    void sendingAnInvitationAgainRetiresTheOldLinkAndRevokingRetiresAny() {
        var org = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        DashboardSession admin = DashboardSession.signedIn(port, owner);
        String team = "/app/" + org.organization().id() + "/live/team";
        admin.get(team);
        String email = "twice-" + UUID.randomUUID().toString().substring(0, 8) + "@people.example";
        admin.post(team + "/invitations", Map.of("email", email, "role", "billing"));
        String first = MailCatcher.link(mail.await(email, "Accept the invitation"));

        admin.post(team + "/invitations", Map.of("email", email, "role", "admin"));
        String second = MailCatcher.link(mail.await(email, "as admin"));

        DashboardSession invitee = DashboardSession.anonymous(port);
        assertThat(second).isNotEqualTo(first);
        assertThat(invitee.get(first).status()).as("the replaced link").isEqualTo(404);
        assertThat(invitee.get(second).body()).contains("admin");

        String id = admin.get(team).body().replaceAll("(?s).*/team/invitations/([0-9a-f-]{36})/revoke.*", "$1");
        assertThat(admin.post(team + "/invitations/" + id + "/revoke", Map.of()).status())
                .isEqualTo(302);
        var revoked = invitee.get(second);
        assertThat(revoked.status()).isEqualTo(410);
        assertThat(revoked.body()).contains("revoked");
    }

    @Test
    void aPasswordResetLinkWorksOnceForAnHourAndEndsEverySession() {
        var org = fixtures.organization(Tier.BASIC);
        var person = people.join(org.organization().id(), MemberRole.ADMIN);
        DashboardSession elsewhere = DashboardSession.signedIn(port, person);
        String home = "/app/" + org.organization().id() + "/live";
        assertThat(elsewhere.get(home).status()).isEqualTo(200);

        DashboardSession browser = DashboardSession.anonymous(port);
        browser.get("/password-reset");
        var asked =
                browser.post("/password-reset", Map.of("email", person.email().toUpperCase()));
        assertThat(browser.follow(asked).body()).contains("If an account uses that email");
        String link = MailCatcher.link(mail.await(person.email(), "Choose a new password"));

        assertThat(browser.get(link).body()).contains(person.email());
        var reset = browser.post(
                "/password-reset/confirm",
                Map.of(
                        "token",
                        token(link),
                        "password",
                        "a brand new password",
                        "password_confirmation",
                        "a brand new password"));
        assertThat(reset.status()).as(reset.toString()).isEqualTo(302);

        assertThat(elsewhere.get(home).status()).as("the other session ended").isEqualTo(302);
        assertThat(browser.signIn(person.email(), person.password()).location()).contains("/login");
        assertThat(browser.signIn(person.email(), "a brand new password").location())
                .doesNotContain("/login");
        DashboardSession again = DashboardSession.anonymous(port);
        assertThat(again.get(link).status()).isEqualTo(410);
        var reused = again.post(
                "/password-reset/confirm",
                Map.of(
                        "token",
                        token(link),
                        "password",
                        "mallory's own password",
                        "password_confirmation",
                        "mallory's own password"));
        assertThat(reused.status()).isEqualTo(410);
        assertThat(reused.body()).contains("does not work any more");

        // A fresh link expires after an hour.
        int seen = mail.to(person.email()).size();
        again.get("/password-reset");
        again.post("/password-reset", Map.of("email", person.email()));
        String later = MailCatcher.link(mail.awaitNext(person.email(), seen));
        assertThat(later).isNotEqualTo(link);
        clock.moveTo(Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(again.get(later).status()).isEqualTo(410);
    }

    @Test
    void askingToResetAnUnknownEmailLooksTheSameAndSendsNothing() {
        String email = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@people.example";
        DashboardSession browser = DashboardSession.anonymous(port);
        browser.get("/password-reset");

        var asked = browser.post("/password-reset", Map.of("email", email));

        assertThat(asked.status()).isEqualTo(302);
        assertThat(browser.follow(asked).body()).contains("If an account uses that email");
        assertThat(mail.to(email)).isEmpty();
    }

    private static String token(String link) {
        return link.substring(link.indexOf("token=") + "token=".length());
    }
}
