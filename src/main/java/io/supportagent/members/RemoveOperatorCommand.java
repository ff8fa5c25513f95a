package io.supportagent.members;

import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.CliCommand;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code remove-operator --email X}: takes a person off the operator staff (someone who left the company, or changed
 * role). The console refuses them on their next request; their account and any organization memberships stay. Exit
 * 0 when they are off the staff (also when they never were: the wanted state holds), 2 for bad input.
 */
@Component
@Command(
        name = "remove-operator",
        mixinStandardHelpOptions = true,
        description = "Takes a person off the operator staff: the operator console refuses them at once; their account"
                + " and organization memberships stay.")
class RemoveOperatorCommand implements CliCommand, Callable<Integer> {

    private final OperatorStaffService staff;

    @Option(names = "--email", required = true, description = "the person's email (their sign-in)")
    String email;

    PrintStream out = System.out;
    PrintStream err = System.err;

    RemoveOperatorCommand(OperatorStaffService staff) {
        this.staff = staff;
    }

    @Override
    public String name() {
        return "remove-operator";
    }

    @Override
    public Integer call() {
        try {
            OperatorStaffService.Removed removed = staff.remove(email);
            out.println(
                    removed.wasStaff()
                            ? removed.email() + " is no longer operator staff."
                            : removed.email() + " was not operator staff; nothing changed.");
            if (removed.staffLeft() == 0) {
                out.println("  No operator staff is left: nobody can open the operator console until"
                        + " create-operator makes someone staff (the operator token still opens /platform/v1).");
            } else {
                out.println("  Operator staff left: " + removed.staffLeft());
            }
            out.flush();
            return 0;
        } catch (ApiProblem problem) {
            err.println("error: " + problem.getMessage());
            return 2;
        }
    }
}
