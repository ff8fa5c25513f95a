package io.supportagent.platform.web;

import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.db.DatabaseFailures;
import io.supportagent.platform.db.DatabaseOutages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Errors of server-rendered pages as pages inside their own layout, one rule for every set of pages (the dashboard,
 * the operator console): 404 for anything not found (a foreign id typed into the URL reads exactly like a missing
 * one), 403 when method security refuses, 400 for a field the firewall will not pass, the problem's own status and
 * message for other refusals, the self-standing unavailable page when the database is away, and a plain 500 page for
 * the unexpected (logged). A subclass says which layout and which words.
 */
public abstract class PageProblems {

    private final Logger log = LoggerFactory.getLogger(getClass());

    private final DatabaseOutages outages;

    protected PageProblems(DatabaseOutages outages) {
        this.outages = outages;
    }

    /**
     * Adds what the layout needs to the model (exception handlers get a model of their own) and names the view that
     * shows a problem with the model's {@code status}, {@code title} and {@code message}.
     */
    protected abstract String problemView(HttpServletRequest request, Model model);

    /** What a person is told when their role does not open the page. */
    protected abstract String forbiddenMessage();

    /** What a person is told when there is nothing at the address (or nothing of theirs). */
    protected abstract String notFoundMessage();

    private String page(HttpServletRequest request, Model model, int status, String title, String message) {
        model.addAttribute("status", status);
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        return problemView(request, model);
    }

    @ExceptionHandler(AccessDeniedException.class)
    public String forbidden(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(403);
        return page(request, model, 403, "Not available to your role", forbiddenMessage());
    }

    /** A field the firewall will not pass (a NUL character, which no one types and the database cannot store). */
    @ExceptionHandler(RequestRejectedException.class)
    public String rejected(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(400);
        return page(
                request,
                model,
                400,
                "Not accepted",
                "A field holds a character that cannot be stored (a NUL character). Remove it and try again.");
    }

    @ExceptionHandler(ApiProblem.class)
    public String problem(ApiProblem problem, HttpServletRequest request, HttpServletResponse response, Model model) {
        int status = problem.status().value();
        response.setStatus(status);
        return page(
                request,
                model,
                status,
                status == 404 ? "Not found" : problem.title(),
                status == 404 ? notFoundMessage() : problem.getMessage());
    }

    @ExceptionHandler(Exception.class)
    public String unexpected(Exception e, HttpServletRequest request, HttpServletResponse response, Model model)
            throws IOException {
        if (DatabaseFailures.unavailable(e)) {
            // Not a bug: the database is away or too slow. The layout reads the database too, so the page stands alone.
            outages.requestFailed(e);
            UnavailablePage.write(response);
            return null;
        }
        log.error("Unexpected error on a page ({})", request.getRequestURI(), e);
        response.setStatus(500);
        return page(
                request,
                model,
                500,
                "Something went wrong",
                "Something went wrong on our side. Try again in a moment.");
    }
}
