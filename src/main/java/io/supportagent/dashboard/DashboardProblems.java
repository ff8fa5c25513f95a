package io.supportagent.dashboard;

import io.supportagent.platform.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
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

    @ExceptionHandler(AccessDeniedException.class)
    String forbidden(HttpServletResponse response, Model model) {
        response.setStatus(403);
        model.addAttribute("status", 403);
        model.addAttribute("title", "Not available to your role");
        model.addAttribute(
                "message",
                "Your role in this organization does not open this page. An owner or admin can"
                        + " change your role on the Team page.");
        return "dashboard/problem";
    }

    @ExceptionHandler(ApiProblem.class)
    String problem(ApiProblem problem, HttpServletResponse response, Model model) {
        int status = problem.status().value();
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("title", status == 404 ? "Not found" : problem.title());
        model.addAttribute(
                "message",
                status == 404 ? "There is nothing at this address in this organization." : problem.getMessage());
        return "dashboard/problem";
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, HttpServletResponse response, Model model) {
        log.error("Unexpected error on a dashboard page", e);
        response.setStatus(500);
        model.addAttribute("status", 500);
        model.addAttribute("title", "Something went wrong");
        model.addAttribute("message", "Something went wrong on our side. Try again in a moment.");
        return "dashboard/problem";
    }
}
