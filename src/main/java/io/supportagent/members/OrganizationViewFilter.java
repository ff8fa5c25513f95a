package io.supportagent.members;

import io.supportagent.platform.Forbidden;
import io.supportagent.platform.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Enforces an operator's read-only view of an organization ({@link OrganizationViewService}) on every request of the
 * dashboard's chain whose session holds one, before any page runs: while the view runs, every change
 * ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}, htmx's included) answers 403 (problem+json to a caller
 * asking for JSON, else a page saying why), except ending the view; the view is handed to {@link MemberCallerFilter},
 * which makes the organization's pages (and no other organization's) open to it. Once the view has ended (its time
 * limit passed, the person is no longer staff allowed to view, another person signed in) the next request ends it in
 * the organization's audit log and goes back to the console with a message.
 */
final class OrganizationViewFilter extends OncePerRequestFilter {

    /** The request attribute holding the running view, for {@link MemberCallerFilter}. */
    static final String VIEW = OrganizationViewFilter.class.getName() + ".view";

    private static final String END_PATH = OrganizationViewService.END_PATH;

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final OrganizationViewService views;
    private final ProblemWriter problems;
    private final ITemplateEngine templates;
    private final MemberService members;
    private final SessionFlashMapManager flash = new SessionFlashMapManager();

    OrganizationViewFilter(
            OrganizationViewService views, ProblemWriter problems, ITemplateEngine templates, MemberService members) {
        this.views = views;
        this.problems = problems;
        this.templates = templates;
        this.members = members;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Optional<OrganizationViewService.Ref> id = OrganizationViewService.viewId(session);
        Optional<SignedIn> person = SignedIn.current();
        if (id.isEmpty() || person.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<OrganizationView> running = views.running(session, person.get().accountId());
        if (running.isEmpty()) {
            backToConsole(request, response, session);
            return;
        }
        OrganizationView view = running.get();
        if (!SAFE.contains(request.getMethod()) && !END_PATH.equals(path(request))) {
            refuse(request, response, view);
            return;
        }
        request.setAttribute(VIEW, view);
        chain.doFilter(request, response);
    }

    /** The view ended: recorded (once), forgotten by the session, and the operator back on the console. */
    private void backToConsole(HttpServletRequest request, HttpServletResponse response, HttpSession session)
            throws IOException {
        Optional<OrganizationView> ended = views.endInSession(session, "ended");
        String target =
                ended.map(v -> "/platform/organizations/" + v.organizationId()).orElse("/platform/organizations");
        ended.ifPresent(view -> {
            FlashMap message = new FlashMap();
            message.setTargetRequestPath(target);
            message.put(
                    "toast",
                    "Your read-only view of " + members.organizationName(view.organizationId()) + " ended at "
                            + OrganizationViewService.time(view.endedAt())
                            + ("expired".equals(view.endedHow()) ? ", its time limit." : "."));
            flash.saveOutputFlashMap(message, request, response);
        });
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Redirect", request.getContextPath() + target);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.sendRedirect(request.getContextPath() + target);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, OrganizationView view)
            throws IOException {
        String organization = members.organizationName(view.organizationId());
        String why = "You are viewing " + organization + " as operator " + view.operatorEmail()
                + ": the view is read-only, so no change is made.";
        String accept = request.getHeader("Accept");
        boolean wantsJson = accept != null && accept.contains("json") && !accept.contains("text/html");
        if (wantsJson && request.getHeader("HX-Request") == null) {
            problems.write(response, new Forbidden("read_only_view", why));
            return;
        }
        Context model = new Context();
        model.setVariable("organization", organization);
        model.setVariable("operator", view.operatorEmail());
        model.setVariable("endsAt", OrganizationViewService.time(view.endsAt()));
        model.setVariable("endsAtIso", view.endsAt().toString());
        model.setVariable("dashboardUrl", "/app/" + view.organizationId() + "/live");
        model.setVariable("endUrl", END_PATH);
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        model.setVariable("csrfName", csrf == null ? "_csrf" : csrf.getParameterName());
        model.setVariable("csrfToken", csrf == null ? "" : csrf.getToken());
        String page = templates.process("members/read-only", model);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        if (request.getHeader("HX-Request") != null) {
            // Whatever part of the page the request meant to change, the refusal replaces the whole page.
            response.setHeader("HX-Retarget", "body");
            response.setHeader("HX-Reswap", "innerHTML");
        }
        response.setContentType("text/html;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(page);
    }

    private static String path(HttpServletRequest request) {
        String path = request.getServletPath();
        return request.getPathInfo() == null ? path : path + request.getPathInfo();
    }
}
