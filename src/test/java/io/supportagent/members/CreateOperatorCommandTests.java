package io.supportagent.members;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.MemberRole;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.MemberFixtures;
import io.supportagent.tenancy.Tier;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code create-operator --email}: makes operator staff who sign in at {@code /login} with the printed password and
 * land on the console; running it again, or for an existing member, keeps their password; bad input exits 2. The
 * request role can never make staff itself.
 */
@DashboardTest
class CreateOperatorCommandTests {

    private static final Pattern PASSWORD = Pattern.compile("Password:\\s+(\\S+)\\s+\\(shown this once");

    @LocalServerPort
    int port;

    @Autowired
    CreateOperatorCommand command;

    @Autowired
    OperatorStaffService staff;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    JdbcClient requestRole;

    CommandRun run(String... args) {
        return CommandRun.of(
                command,
                (out, err) -> {
                    command.name = null;
                    command.mayViewAsOrganization = null;
                    command.out = out;
                    command.err = err;
                },
                args);
    }

    @Test
    void viewingOrganizationsIsOffUntilGrantedAndCanBeWithdrawn() {
        String email = "viewer-" + UUID.randomUUID().toString().substring(0, 8) + "@platform.example";

        CommandRun made = run("--email", email);
        boolean before = staff.mayViewAsOrganization(staff.create(email, null).accountId());
        CommandRun granted = run("--email", email, "--may-view-as-organization");
        boolean afterGrant =
                staff.mayViewAsOrganization(staff.create(email, null).accountId());
        CommandRun withdrawn = run("--email", email, "--no-may-view-as-organization");
        boolean afterWithdrawal =
                staff.mayViewAsOrganization(staff.create(email, null).accountId());

        assertThat(made.out()).doesNotContain("View as organization");
        assertThat(before).as("off by default").isFalse();
        assertThat(granted.exitCode()).as(granted.err()).isZero();
        assertThat(granted.out()).contains("View as organization: allowed");
        assertThat(afterGrant).isTrue();
        assertThat(withdrawn.out()).contains("View as organization: not allowed");
        assertThat(afterWithdrawal).isFalse();
    }

    @Test
    void makesOperatorStaffWhoSignInWithThePrintedPasswordAndLandOnTheConsole() {
        String email = "Ops-" + UUID.randomUUID().toString().substring(0, 8) + "@Platform.example";

        CommandRun first = run("--email", email, "--name", "Olga Ops");
        Matcher password = PASSWORD.matcher(first.out());
        CommandRun second = run("--email", email);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains(email.toLowerCase() + " is now operator staff.", "/login");
        assertThat(password.find()).as(first.out()).isTrue();
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("is operator staff already", "the account's own (unchanged)");
        assertThat(second.out()).doesNotContain(password.group(1));

        DashboardSession browser = DashboardSession.anonymous(port);
        var signedIn = browser.signIn(email, password.group(1));
        var app = browser.follow(signedIn);
        assertThat(app.location()).endsWith("/platform");
        var console = browser.follow(browser.follow(app));
        assertThat(console.status()).isEqualTo(200);
        assertThat(console.body()).contains("Olga Ops", "Operator console");
    }

    @Test
    void anExistingMemberBecomesStaffTooAndKeepsTheirPassword() {
        var org = fixtures.organization(Tier.PRO);
        MemberFixtures.Person member = people.join(org.organization().id(), MemberRole.BILLING);

        CommandRun run = run("--email", member.email());
        DashboardSession browser = DashboardSession.signedIn(port, member);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("is now operator staff.", "the account's own (unchanged)");
        assertThat(browser.get("/platform/organizations").status()).isEqualTo(200);
        assertThat(browser.get("/app/" + org.organization().id() + "/live/invoices")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void refusesAnInvalidEmailOrNoEmail() {
        CommandRun invalid = run("--email", "not an email");
        CommandRun missing = run();

        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("valid email");
        assertThat(missing.exitCode()).isEqualTo(2);
    }

    @Test
    void theRequestRoleCanReadButNeverMakeOperatorStaff() {
        var person = people.join(fixtures.organization(Tier.PRO).organization().id(), MemberRole.OWNER);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> requestRole
                        .sql("INSERT INTO operator_staff (account_id) VALUES (:id)")
                        .param("id", person.accountId().value())
                        .update())
                .isInstanceOf(org.springframework.dao.DataAccessException.class)
                .rootCause()
                .hasMessageContaining("permission denied for table operator_staff");
        assertThat(staff.isStaff(person.accountId())).isFalse();
    }
}
