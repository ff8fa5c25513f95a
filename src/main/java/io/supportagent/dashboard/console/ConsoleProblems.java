package io.supportagent.dashboard.console;

import io.supportagent.platform.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
 * Errors of console pages as pages, inside the console's layout: 404 for anything not found, the problem's own status
 * and message for other refusals, 403 if method security refuses (the chain lets only operator staff in, so only a
 * misconfiguration gets there), and a plain 500 page for the unexpected (logged).
 */
@ControllerAdvice(annotations = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleProblems {

    private static final Logger log = LoggerFactory.getLogger(ConsoleProblems.class);

    private final ConsoleShellAdvice shell;

    ConsoleProblems(ConsoleShellAdvice shell) {
        this.shell = shell;
    }

    private String page(HttpServletRequest request, Model model, int status, String title, String message) {
        model.addAttribute("console", shell.console(request));
        model.addAttribute("status", status);
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        return "console/problem";
    }

    @ExceptionHandler(AccessDeniedException.class)
    String forbidden(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(403);
        return page(request, model, 403, "Not available", "The operator console is for operator staff only.");
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
                status == 404 ? "There is nothing at this address." : problem.getMessage());
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
        log.error("Unexpected error on an operator console page", e);
        response.setStatus(500);
        return page(
                request,
                model,
                500,
                "Something went wrong",
                "Something went wrong on our side. Try again in a moment.");
    }
}
