package io.supportagent.dashboard;

import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.db.DatabaseFailures;
import io.supportagent.platform.db.DatabaseOutages;
import io.supportagent.platform.web.UnavailablePage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Errors of organization pages as pages, inside the layout: 404 for anything not found (a foreign id typed into the
 * URL reads exactly like a missing one), 403 when the member's role does not open the page, the problem's own
 * status and message for other refusals, and a plain 500 page for the unexpected (logged).
 */
@ControllerAdvice(annotations = DashboardPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardProblems {

    private static final Logger log = LoggerFactory.getLogger(DashboardProblems.class);

    private final ShellAdvice shell;

    private final DatabaseOutages outages;

    DashboardProblems(ShellAdvice shell, DatabaseOutages outages) {
        this.shell = shell;
        this.outages = outages;
    }

    /** Exception handlers get a model of their own: the layout's shell is added here. */
    private String page(HttpServletRequest request, Model model, int status, String title, String message) {
        model.addAttribute("shell", shell.shell(request));
        model.addAttribute("status", status);
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        return "dashboard/problem";
    }

    @ExceptionHandler(AccessDeniedException.class)
    String forbidden(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(403);
        return page(
                request,
                model,
                403,
                "Not available to your role",
                "Your role in this organization does not open this page or allow this change. An owner or admin can"
                        + " change your role on the Team page.");
    }

    /** A field the firewall will not pass (a NUL character, which no one types and the database cannot store). */
    @ExceptionHandler(RequestRejectedException.class)
    String rejected(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(400);
        return page(
                request,
                model,
                400,
                "Not accepted",
                "A field holds a character that cannot be stored (a NUL character). Remove it and try again.");
    }

    @ExceptionHandler(ApiProblem.class)
    String problem(ApiProblem problem, HttpServletRequest request, HttpServletResponse response, Model model) {
        int status = problem.status().value();
        response.setStatus(status);
        return page(
                request,
                model,
                status,
                status == 404 ? "Not found" : problem.title(),
                status == 404 ? "There is nothing at this address in this organization." : problem.getMessage());
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, HttpServletRequest request, HttpServletResponse response, Model model)
            throws IOException {
        if (DatabaseFailures.unavailable(e)) {
            // Not a bug: the database is away or too slow. The layout reads the database too, so the page stands alone.
            outages.requestFailed(e);
            UnavailablePage.write(response);
            return null;
        }
        log.error("Unexpected error on a dashboard page", e);
        response.setStatus(500);
        return page(
                request,
                model,
                500,
                "Something went wrong",
                "Something went wrong on our side. Try again in a moment.");
    }
}
