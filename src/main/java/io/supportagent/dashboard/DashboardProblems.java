package io.supportagent.dashboard;

import io.supportagent.platform.db.DatabaseOutages;
import io.supportagent.platform.web.PageProblems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;

/** Errors of organization pages as pages inside the dashboard's layout (the rules: {@link PageProblems}). */
@ControllerAdvice(annotations = DashboardPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardProblems extends PageProblems {

    private final ShellAdvice shell;

    DashboardProblems(ShellAdvice shell, DatabaseOutages outages) {
        super(outages);
        this.shell = shell;
    }

    @Override
    protected String problemView(HttpServletRequest request, Model model) {
        model.addAttribute("shell", shell.shell(request));
        return "dashboard/problem";
    }

    @Override
    protected String forbiddenMessage() {
        return "Your role in this organization does not open this page or allow this change. An owner or admin can"
                + " change your role on the Team page.";
    }

    @Override
    protected String notFoundMessage() {
        return "There is nothing at this address in this organization.";
    }
}
