package io.supportagent.members;

import io.supportagent.platform.Caller;
import io.supportagent.platform.CallerAuthentication;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.OrganizationId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decides, for each dashboard request of a signed-in person, as whom they act: a page under
 * {@code /app/{organization}/{live|test}/...} makes the request's caller a {@link Caller.Member} of that organization
 * in that mode, with the person's role there, so that the tenant context, row-level security and method security
 * work as for any other caller. An organization the person does not belong to (or no such organization, or a mode
 * other than live and test) answers 404 before any handler runs. The person's memberships are read once per request
 * (the platform role's one cross-tenant read) and kept for the page's organization switcher. An organization that
 * requires two-factor sign-in sends a person without it to set it up ({@link AccountSecurityPage}) instead. The caller lives in this
 * request's security context only; the session keeps the person ({@link SignedIn}).
 */
final class MemberCallerFilter extends OncePerRequestFilter {

    /** The request attribute holding the signed-in person's memberships, for the organization switcher. */
    static final String MEMBERSHIPS = MemberCallerFilter.class.getName() + ".memberships";

    private static final Pattern ORGANIZATION_PAGE =
            Pattern.compile("^/app/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:/([^/]+))?(/.*)?$");

    private final MemberService members;
    private final AuthenticatorApps apps;

    MemberCallerFilter(MemberService members, AuthenticatorApps apps) {
        this.members = members;
        this.apps = apps;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<SignedIn> person = SignedIn.current();
        if (person.isEmpty()) {
            chain.doFilter(request, response); // authorization sends the browser to the sign-in page
            return;
        }
        // Operator staff viewing an organization read-only act in it alone, as if its only member, with no membership:
        // every other organization (their own memberships included) answers 404 for the view's length. The
        // organization's two-factor rule is its members' own: the operator signed in to the console by the platform's.
        OrganizationView view = (OrganizationView) request.getAttribute(OrganizationViewFilter.VIEW);
        List<Membership> memberships = view != null
                ? List.of(new Membership(view.organizationId(), MemberRole.OWNER, false))
                : members.organizationsOf(person.get().accountId());
        request.setAttribute(MEMBERSHIPS, memberships);
        String path = path(request);
        Matcher page = ORGANIZATION_PAGE.matcher(path);
        if (!page.matches()) {
            if (path.startsWith("/app/")
                    && path.length() > "/app/".length()
                    && !path.equals("/app/inbox")
                    && !path.startsWith(AccountSecurityPage.PATH)) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND); // no organization id where one belongs
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        OrganizationId org = new OrganizationId(UUID.fromString(page.group(1)));
        String mode = page.group(2);
        Optional<Membership> membership =
                memberships.stream().filter(m -> m.organizationId().equals(org)).findFirst();
        if (membership.isEmpty() || (mode != null && !mode.equals("live") && !mode.equals("test"))) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (membership.get().requiresTwoFactor()
                && !apps.of(person.get().accountId())
                        .map(AuthenticatorApps.App::enabled)
                        .orElse(false)) {
            // The organization requires two-factor sign-in: none of its pages until the person has set it up.
            String setup = request.getContextPath() + AccountSecurityPage.PATH + "?required";
            if ("true".equals(request.getHeader("HX-Request"))) {
                response.setHeader("HX-Redirect", setup);
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                response.sendRedirect(setup);
            }
            return;
        }
        Caller.Member caller = new Caller.Member(
                person.get().accountId(),
                org,
                !"test".equals(mode),
                membership.get().role(),
                view == null ? null : new Caller.Member.OperatorView(view.id(), view.operatorEmail(), view.endsAt()));
        CallerAuthentication authentication = new CallerAuthentication(caller);
        authentication.setDetails(person.get());
        SecurityContext original = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.setContext(original);
        }
    }

    /** The decoded path, as the chains' matchers and Spring MVC read it (the firewall let only one spelling through). */
    private static String path(HttpServletRequest request) {
        String path = request.getServletPath();
        return request.getPathInfo() == null ? path : path + request.getPathInfo();
    }
}
