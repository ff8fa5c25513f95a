package io.supportagent.billing;

import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.CliCommand;
import io.supportagent.usage.BillingPeriod;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code billing-run --period 2026-10}: the same as {@code POST /platform/v1/billing-runs}, from a shell or cron. */
@Component
@Command(
        name = "billing-run",
        mixinStandardHelpOptions = true,
        description = "Closes a past month: finalizes its invoices for every organization (idempotent).")
class BillingRunCommand implements CliCommand, Callable<Integer> {

    private final BillingService billing;

    @Option(names = "--period", required = true, description = "the month to close, as YYYY-MM")
    String period;

    BillingRunCommand(BillingService billing) {
        this.billing = billing;
    }

    @Override
    public String name() {
        return "billing-run";
    }

    @Override
    public Integer call() {
        try {
            BillingRun run = billing.run(BillingPeriod.parseMonth(period, "period"));
            System.out.println("billing run " + run.period() + ": " + run.invoicesCreated() + " invoices finalized, "
                    + run.invoicesExisting() + " already final, " + run.organizationsPending()
                    + " organizations not at the end of the period yet");
            return 0;
        } catch (ApiProblem problem) {
            System.err.println("error: " + problem.getMessage());
            return 2;
        }
    }
}
