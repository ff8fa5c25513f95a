package io.supportagent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.members.MemberService;
import io.supportagent.platform.MemberRole;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.MemberFixtures;
import io.supportagent.tenancy.Tier;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A member of organization A never sees or changes organization B: B's pages, and B's member and invitation ids typed
 * into A's URLs, answer 404 like ids that do not exist; A's team and audit log never show B's rows; a person in both
 * sees each only under its own URL.
 */
@DashboardTest
class DashboardIsolationTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    MemberService members;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anotherOrganizationsPagesAnswer404() {
        var a = fixtures.organization(Tier.PRO);
        var b = fixtures.organization(Tier.PRO);
        var ownerOfA = people.join(a.organization().id(), MemberRole.OWNER);
        people.join(b.organization().id(), MemberRole.OWNER);
        DashboardSession browser = DashboardSession.signedIn(port, ownerOfA);

        for (String page : List.of(
                "",
                "/live",
                "/test",
                "/live/team",
                "/live/audit",
                "/live/invoices",
                "/live/usage",
                "/test/team",
                "/other/team")) {
            var answer = browser.get("/app/" + b.organization().id() + page);
            assertThat(answer.status()).as(page + " " + answer).isEqualTo(404);
            assertThat(answer.body()).doesNotContain(b.organization().name());
        }
        String unknown = "/app/" + UUID.randomUUID() + "/live";
        assertThat(browser.get(unknown).status()).isEqualTo(404);
        assertThat(browser.get("/app/not-an-organization/live").status()).isEqualTo(404);
        assertThat(browser.get("/app/" + a.organization().id() + "/sandbox/team")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anotherOrganizationsIdsTypedIntoOwnUrlsAnswer404AndChangeNothing() {
        var a = fixtures.organization(Tier.PRO);
        var b = fixtures.organization(Tier.PRO);
        var ownerOfA = people.join(a.organization().id(), MemberRole.OWNER);
        var memberOfB = people.join(b.organization().id(), MemberRole.AGENT);
        people.join(b.organization().id(), MemberRole.OWNER);
        members.inviteAsOperator(b.organization().id(), "invited-to-b@people.example", MemberRole.AGENT);
        UUID invitationOfB = jdbc.sql("SELECT id FROM member_invitations WHERE email = 'invited-to-b@people.example'")
                .query(UUID.class)
                .optional()
                .orElse(null);
        assertThat(invitationOfB)
                .as("the request role sees no tenant's rows without a tenant")
                .isNull();
        invitationOfB = openInvitationOf(b, "invited-to-b@people.example");
        DashboardSession browser = DashboardSession.signedIn(port, ownerOfA);
        String team = "/app/" + a.organization().id() + "/live/team";
        browser.get(team);

        assertThat(browser.post(team + "/members/" + memberOfB.accountId() + "/role", Map.of("role", "owner"))
                        .status())
                .isEqualTo(404);
        assertThat(browser.post(
                                team + "/members/" + memberOfB.accountId() + "/remove",
                                Map.of("confirm", memberOfB.email()))
                        .status())
                .isEqualTo(404);
        assertThat(browser.post(team + "/invitations/" + invitationOfB + "/revoke", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(browser.post(team + "/invitations/" + invitationOfB + "/resend", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(browser.post(team + "/invitations/" + UUID.randomUUID() + "/revoke", Map.of())
                        .status())
                .isEqualTo(404);

        assertThat(members.organizationsOf(memberOfB.accountId()))
                .singleElement()
                .satisfies(m -> assertThat(m.role()).isEqualTo(MemberRole.AGENT));
        assertThat(openInvitationOf(b, "invited-to-b@people.example")).isEqualTo(invitationOfB);
        String page = browser.get(team).body();
        assertThat(page).doesNotContain(memberOfB.email()).doesNotContain("invited-to-b@people.example");
    }

    @Test
    void aPersonInTwoOrganizationsSeesEachUnderItsOwnUrlAndSwitches() {
        var a = fixtures.organization(Tier.PRO);
        var b = fixtures.organization(Tier.BASIC);
        var person = people.join(a.organization().id(), MemberRole.OWNER);
        people.alsoJoin(person, b.organization().id(), MemberRole.BILLING);
        var colleagueInA = people.join(a.organization().id(), MemberRole.AGENT);
        DashboardSession browser = DashboardSession.signedIn(port, person);

        String inA = browser.get("/app/" + a.organization().id() + "/live/team").body();
        var inB = browser.get("/app/" + b.organization().id() + "/live/team");
        String overviewOfB =
                browser.get("/app/" + b.organization().id() + "/live").body();

        assertThat(inA).contains(colleagueInA.email());
        assertThat(inB.status()).as("billing in B: no team page").isEqualTo(403);
        assertThat(overviewOfB)
                .contains(b.organization().name())
                .contains("/app/" + a.organization().id() + "/live") // the switcher
                .doesNotContain(colleagueInA.email());
        // /app returns to the organization used last.
        assertThat(browser.get("/app").location())
                .endsWith("/app/" + b.organization().id() + "/live");
        // Looking at test data, the switcher keeps test mode.
        assertThat(browser.get("/app/" + b.organization().id() + "/test").body())
                .contains("href=\"/app/" + a.organization().id() + "/test\"")
                .doesNotContain("href=\"/app/" + a.organization().id() + "/live\"");
    }

    @Test
    void theAuditLogShowsOnlyTheOrganizationsOwnEvents() {
        var a = fixtures.organization(Tier.PRO);
        var b = fixtures.organization(Tier.PRO);
        var ownerOfA = people.join(a.organization().id(), MemberRole.OWNER);
        var ownerOfB = people.join(b.organization().id(), MemberRole.OWNER);
        Http.on(port).bearer(b.liveKey()).post("/v1/api-keys", Map.of("name", "B secret deploy key"));

        String page = DashboardSession.signedIn(port, ownerOfA)
                .get("/app/" + a.organization().id() + "/live/audit")
                .body();
        var api = Http.on(port).bearer(a.liveKey()).get("/v1/audit-events?limit=100");

        assertThat(page)
                .contains(ownerOfA.email())
                .doesNotContain(ownerOfB.email())
                .doesNotContain("B secret deploy key");
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.body()).doesNotContain("B secret deploy key").doesNotContain(ownerOfB.email());
    }

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    /** As the request role under the organization's row-level security, in a transaction as the app runs them. */
    private UUID openInvitationOf(Fixtures.Org org, String email) {
        return io.supportagent.platform.TenantContext.callAs(
                org.live(),
                () -> new org.springframework.transaction.support.TransactionTemplate(transactions)
                        .execute(status -> jdbc.sql(
                                        "SELECT id FROM member_invitations WHERE email = :email AND revoked_at IS NULL")
                                .param("email", email)
                                .query(UUID.class)
                                .single()));
    }
}
