package io.supportagent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.members.MemberService;
import io.supportagent.platform.MemberRole;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.MemberFixtures;
import io.supportagent.tenancy.Tier;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every role rule of the dashboard, over HTTP through the real chain and method security: which pages each role
 * opens (403 otherwise), who may change the team, and the last owner, who cannot be demoted or removed.
 */
@DashboardTest
class DashboardRoleTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MemberService members;

    /** The pages of the dashboard, and the roles that open them. */
    static final Map<String, List<MemberRole>> PAGES = pages();

    private static Map<String, List<MemberRole>> pages() {
        List<MemberRole> billing = List.of(MemberRole.OWNER, MemberRole.ADMIN, MemberRole.BILLING);
        List<MemberRole> managers = List.of(MemberRole.OWNER, MemberRole.ADMIN);
        Map<String, List<MemberRole>> pages = new LinkedHashMap<>();
        pages.put("/usage", billing);
        pages.put("/invoices", billing);
        pages.put("/invoices/" + YearMonth.now(ZoneOffset.UTC), billing);
        pages.put("/team", managers);
        pages.put("/audit", managers);
        pages.put("/inbox", List.of(MemberRole.OWNER, MemberRole.ADMIN, MemberRole.AGENT));
        return pages;
    }

    @Test
    void eachRoleOpensExactlyItsPagesInBothModes() {
        var org = fixtures.organization(Tier.PRO);
        String id = org.organization().id().toString();
        for (MemberRole role : MemberRole.values()) {
            var person = people.join(org.organization().id(), role);
            DashboardSession browser = DashboardSession.signedIn(port, person);
            for (String mode : List.of("live", "test")) {
                String base = "/app/" + id + "/" + mode;
                var home = browser.get(base);
                assertThat(home.status()).as(role + " home").isEqualTo(200);
                assertThat(home.body().contains("Conversations this month")
                                || home.body().contains("Test conversations this month"))
                        .as(role + " sees usage on the home page")
                        .isEqualTo(role != MemberRole.AGENT);
                for (var page : PAGES.entrySet()) {
                    var answer = browser.get(base + page.getKey());
                    int expected = page.getValue().contains(role) ? 200 : 403;
                    if (expected == 200 && mode.equals("test") && page.getKey().startsWith("/invoices/")) {
                        expected = 404; // test mode has no invoices
                    }
                    assertThat(answer.status())
                            .as(role + " " + mode + " " + page.getKey() + ": " + answer)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void theNavigationShowsOnlyWhatTheRoleOpens() {
        var org = fixtures.organization(Tier.PRO);
        var billing = people.join(org.organization().id(), MemberRole.BILLING);
        String base = "/app/" + org.organization().id() + "/live";

        String page = DashboardSession.signedIn(port, billing).get(base).body();

        assertThat(page)
                .contains(">Invoices<")
                .contains(">Usage<")
                .doesNotContain(">Team<")
                .doesNotContain(">Audit log<");
    }

    @Test
    void onlyOwnersAndAdminsChangeTheTeam() {
        var org = fixtures.organization(Tier.BASIC);
        var target = people.join(org.organization().id(), MemberRole.AGENT);
        String team = "/app/" + org.organization().id() + "/live/team";
        for (MemberRole role : List.of(MemberRole.AGENT, MemberRole.BILLING)) {
            DashboardSession browser = DashboardSession.signedIn(
                    port, people.join(org.organization().id(), role));
            browser.get("/app/" + org.organization().id() + "/live");

            assertThat(browser.post(team + "/invitations", Map.of("email", "x@people.example", "role", "agent"))
                            .status())
                    .as(role + " invites")
                    .isEqualTo(403);
            assertThat(browser.post(team + "/members/" + target.accountId() + "/role", Map.of("role", "admin"))
                            .status())
                    .as(role + " changes a role")
                    .isEqualTo(403);
            assertThat(browser.post(
                                    team + "/members/" + target.accountId() + "/remove",
                                    Map.of("confirm", target.email()))
                            .status())
                    .as(role + " removes")
                    .isEqualTo(403);
        }
        assertThat(roleOf(org, target)).isEqualTo("agent");

        DashboardSession admin =
                DashboardSession.signedIn(port, people.join(org.organization().id(), MemberRole.ADMIN));
        admin.get(team);
        var changed = admin.post(team + "/members/" + target.accountId() + "/role", Map.of("role", "billing"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(302);
        assertThat(admin.follow(changed).body()).contains(target.email() + " is now billing.");
        assertThat(roleOf(org, target)).isEqualTo("billing");
    }

    @Test
    void anAdminCannotMakeChangeOrRemoveOwners() {
        var org = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        var colleague = people.join(org.organization().id(), MemberRole.AGENT);
        DashboardSession admin =
                DashboardSession.signedIn(port, people.join(org.organization().id(), MemberRole.ADMIN));
        String team = "/app/" + org.organization().id() + "/live/team";
        admin.get(team);

        var invite = admin.post(team + "/invitations", Map.of("email", "boss@people.example", "role", "owner"));
        var promote = admin.post(team + "/members/" + colleague.accountId() + "/role", Map.of("role", "owner"));
        var demote = admin.post(team + "/members/" + owner.accountId() + "/role", Map.of("role", "agent"));
        var remove = admin.post(team + "/members/" + owner.accountId() + "/remove", Map.of("confirm", owner.email()));

        assertThat(List.of(invite.status(), promote.status(), demote.status(), remove.status()))
                .containsOnly(403);
        assertThat(demote.body()).contains("Only an owner may");
        assertThat(roleOf(org, owner)).isEqualTo("owner");
        assertThat(roleOf(org, colleague)).isEqualTo("agent");
    }

    @Test
    void theLastOwnerCanBeNeitherDemotedNorRemoved() {
        var org = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        DashboardSession browser = DashboardSession.signedIn(port, owner);
        String team = "/app/" + org.organization().id() + "/live/team";
        browser.get(team);

        var demote = browser.post(team + "/members/" + owner.accountId() + "/role", Map.of("role", "admin"));
        var remove = browser.post(team + "/members/" + owner.accountId() + "/remove", Map.of("confirm", owner.email()));

        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.body()).contains("at least one owner");
        assertThat(remove.status()).isEqualTo(409);
        assertThat(roleOf(org, owner)).isEqualTo("owner");

        // With a second owner, one of them may step down.
        var second = people.join(org.organization().id(), MemberRole.OWNER);
        assertThat(browser.post(team + "/members/" + owner.accountId() + "/role", Map.of("role", "admin"))
                        .status())
                .isEqualTo(302);
        assertThat(roleOf(org, owner)).isEqualTo("admin");
        assertThat(roleOf(org, second)).isEqualTo("owner");
    }

    @Test
    void removingAMemberNeedsTheirEmailTyped() {
        var org = fixtures.organization(Tier.BASIC);
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        var agent = people.join(org.organization().id(), MemberRole.AGENT);
        DashboardSession browser = DashboardSession.signedIn(port, owner);
        String team = "/app/" + org.organization().id() + "/live/team";
        browser.get(team);

        var unconfirmed = browser.post(team + "/members/" + agent.accountId() + "/remove", Map.of("confirm", "oops"));
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(roleOf(org, agent)).isEqualTo("agent");

        var removed =
                browser.post(team + "/members/" + agent.accountId() + "/remove", Map.of("confirm", agent.email()));
        assertThat(removed.status()).isEqualTo(302);
        assertThat(roleOf(org, agent)).isNull();
        // The removed person's next request to the organization finds nothing there.
        DashboardSession gone = DashboardSession.signedIn(port, agent);
        assertThat(gone.get("/app/" + org.organization().id() + "/live").status())
                .isEqualTo(404);
    }

    private String roleOf(Fixtures.Org org, MemberFixtures.Person person) {
        return io.supportagent.platform.TenantContext.callAs(
                org.live(),
                () -> members.organizationsOf(person.accountId()).stream()
                        .filter(m ->
                                m.organizationId().equals(org.organization().id()))
                        .map(m -> m.role().code())
                        .findFirst()
                        .orElse(null));
    }
}
