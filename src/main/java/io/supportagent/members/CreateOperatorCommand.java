package io.supportagent.members;

import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.CliCommand;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code create-operator --email X}: makes a person operator staff, who then signs in at {@code /login} and lands on
 * the operator console. A new account gets a generated password, printed this once (only its hash is kept), as the
 * demo owner's is; an existing account keeps its own password.
 */
@Component
@Command(
        name = "create-operator",
        mixinStandardHelpOptions = true,
        description = "Makes a person operator staff (the operator console at /platform); prints a first password"
                + " for a new account.")
class CreateOperatorCommand implements CliCommand, Callable<Integer> {

    private final OperatorStaffService staff;
    private final String baseUrl;

    @Option(names = "--email", required = true, description = "the person's email (their sign-in)")
    String email;

    @Option(names = "--name", description = "the person's name, for a new account (default: the email's local part)")
    String name;

    @Option(
            names = "--may-view-as-organization",
            negatable = true,
            description = "allow (or, negated, withdraw) viewing organizations' dashboards read-only from the console,"
                    + " with a reason, for a limited time, in their audit log (off unless given)")
    Boolean mayViewAsOrganization;

    PrintStream out = System.out;
    PrintStream err = System.err;

    CreateOperatorCommand(OperatorStaffService staff, @Value("${support-agent.base-url}") String baseUrl) {
        this.staff = staff;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public String name() {
        return "create-operator";
    }

    @Override
    public Integer call() {
        try {
            OperatorStaffService.Created created = staff.create(email, name);
            out.println(
                    (created.alreadyStaff()
                            ? created.email() + " is operator staff already."
                            : created.email() + " is now operator staff."));
            if (mayViewAsOrganization != null) {
                staff.allowViewingAsOrganization(created.email(), mayViewAsOrganization);
                out.println("  View as organization: " + (mayViewAsOrganization ? "allowed" : "not allowed"));
            }
            out.println("  Sign in at:  " + baseUrl + "/login   (then the operator console, " + baseUrl + "/platform)");
            if (created.password() != null) {
                out.println("  Password:    " + created.password()
                        + "   (shown this once; change it with \"Forgot your password?\" on the sign-in page)");
            } else {
                out.println("  Password:    the account's own (unchanged)");
            }
            out.flush();
            return 0;
        } catch (ApiProblem problem) {
            err.println("error: " + problem.getMessage());
            return 2;
        }
    }
}
