package io.supportagent.members;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.MemberRole;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.MemberFixtures;
import io.supportagent.tenancy.Tier;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code remove-operator --email}: a person taken off the staff is refused by the console on their very next request
 * (a session opened while they were staff included) and keeps their organization's dashboard; running it again, or
 * for someone who never was staff, changes nothing; bad input exits 2.
 */
@DashboardTest
class RemoveOperatorCommandTests {

    @LocalServerPort
    int port;

    @Autowired
    RemoveOperatorCommand command;

    @Autowired
    OperatorStaffService staff;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    CommandRun run(String... args) {
        return CommandRun.of(
                command,
                (out, err) -> {
                    command.out = out;
                    command.err = err;
                },
                args);
    }

    @Test
    void aPersonTakenOffTheStaffIsRefusedByTheConsoleAtOnceAndKeepsTheirDashboard() {
        var org = fixtures.organization(Tier.PRO);
        MemberFixtures.Person member = people.join(org.organization().id(), MemberRole.BILLING);
        staff.create(member.email(), null);
        DashboardSession browser = DashboardSession.signedIn(port, member);
        assertThat(browser.get("/platform/organizations").status()).isEqualTo(200);

        CommandRun removed = run("--email", member.email().toUpperCase());
        CommandRun again = run("--email", member.email());

        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(removed.out()).contains(member.email() + " is no longer operator staff.");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("was not operator staff; nothing changed.");
        assertThat(staff.isStaff(member.accountId())).isFalse();
        assertThat(browser.get("/platform/organizations").status())
                .as("the same session, on its next request: the console is not there for non-staff")
                .isEqualTo(404);
        assertThat(browser.get("/app/" + org.organization().id() + "/live/invoices")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void someoneWhoWasNeverStaffOrHasNoAccountChangesNothing() {
        String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        CommandRun run = run("--email", nobody);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(nobody + " was not operator staff; nothing changed.");
    }

    @Test
    void refusesAnInvalidEmailOrNoEmail() {
        CommandRun invalid = run("--email", "not an email");
        CommandRun missing = run();

        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("valid email");
        assertThat(missing.exitCode()).isEqualTo(2);
    }
}
