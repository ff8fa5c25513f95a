package io.supportagent.dashboard.console;

import io.supportagent.platform.db.DatabaseOutages;
import io.supportagent.platform.web.PageProblems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Errors of console pages as pages inside the console's layout (the rules: {@link PageProblems}). Method security
 * refuses only on a misconfiguration: the chain lets only operator staff in.
 */
@ControllerAdvice(annotations = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleProblems extends PageProblems {

    private final ConsoleShellAdvice shell;

    ConsoleProblems(ConsoleShellAdvice shell, DatabaseOutages outages) {
        super(outages);
        this.shell = shell;
    }

    @Override
    protected String problemView(HttpServletRequest request, Model model) {
        model.addAttribute("console", shell.console(request));
        return "console/problem";
    }

    @Override
    protected String forbiddenMessage() {
        return "The operator console is for operator staff only.";
    }

    @Override
    protected String notFoundMessage() {
        return "There is nothing at this address.";
    }
}
