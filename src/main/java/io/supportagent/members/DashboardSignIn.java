package io.supportagent.members;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * How people sign in to the dashboard, for the dashboard's security chain: the sign-in form at {@code /login} (email
 * and password, throttled by {@link PasswordSignIn}; then, for a person with two-factor sign-in on, the code of their
 * authenticator app at {@code /login/two-factor}, {@link TwoFactorSignInPage}), optional OIDC sign-in ({@link OidcSignIn}, when configured),
 * sign-out, the filter that enforces an operator's read-only view of an organization ({@link OrganizationViewFilter}),
 * the filter that makes each organization page's caller a member ({@link MemberCallerFilter}), and the one
 * that makes each operator console page's caller operator staff ({@link OperatorStaffFilter}). Session
 * fixation protection (a new session id at sign-in) and CSRF tokens come with the chain's defaults and stay on.
 */
@Component
public class DashboardSignIn {

    /** Where the dashboard's pages send a person who is not signed in. */
    public static final String SIGN_IN_PAGE = "/login";

    /** The paths anyone may open: sign-in, invitations, password resets, the OIDC hand-shake. */
    public static final String[] PUBLIC_PATHS = {
        "/login",
        TwoFactorSignInPage.PATH,
        "/invitations/**",
        "/password-reset",
        "/password-reset/**",
        "/oauth2/**",
        "/login/oauth2/**"
    };

    /**
     * Content security policy of every page: scripts, styles, images and connections from this origin only (every
     * asset is served by the application itself), no inline script or style, no framing, forms post only here.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " frame-ancestors 'none'; form-action 'self'";

    private final PasswordSignIn passwords;
    private final MemberService members;
    private final OidcSignIn oidc;
    private final OperatorStaffService staff;
    private final AuthenticatorApps apps;
    private final OrganizationViewService views;
    private final io.supportagent.platform.web.ProblemWriter problems;
    private final org.thymeleaf.ITemplateEngine templates;

    DashboardSignIn(
            PasswordSignIn passwords,
            MemberService members,
            OidcSignIn oidc,
            OperatorStaffService staff,
            AuthenticatorApps apps,
            OrganizationViewService views,
            io.supportagent.platform.web.ProblemWriter problems,
            org.thymeleaf.ITemplateEngine templates) {
        this.apps = apps;
        this.passwords = passwords;
        this.members = members;
        this.oidc = oidc;
        this.staff = staff;
        this.views = views;
        this.problems = problems;
        this.templates = templates;
    }

    /** Applies sign-in, sign-out, the member filter and the pages' headers to the dashboard's chain. */
    public HttpSecurity configure(HttpSecurity http) throws Exception {
        http.authenticationProvider(passwords)
                .formLogin(form -> form.loginPage(SIGN_IN_PAGE)
                        .loginProcessingUrl(SIGN_IN_PAGE)
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .successHandler(success)
                        .failureHandler(failure()))
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutSuccessUrl(SIGN_IN_PAGE + "?signed-out")
                        .deleteCookies("SESSION")
                        .invalidateHttpSession(true)
                        // Signing out ends an operator's read-only view of an organization (and records it).
                        .addLogoutHandler((request, response, authentication) -> {
                            jakarta.servlet.http.HttpSession session = request.getSession(false);
                            if (session != null) {
                                views.endInSession(session, "signed_out");
                            }
                        }))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint()).accessDeniedHandler(accessDenied()))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                // The read-only view first: it refuses a view's changes before anything else runs, and tells the
                // member filter which organization the view opens.
                .addFilterBefore(
                        new OrganizationViewFilter(views, problems, templates, members), AuthorizationFilter.class)
                .addFilterBefore(new MemberCallerFilter(members, apps), AuthorizationFilter.class)
                .addFilterBefore(new OperatorStaffFilter(staff), AuthorizationFilter.class);
        oidc.configure(http);
        return http;
    }

    /**
     * After signing in: back to the page that asked for it, or to the invitation being accepted ({@code continue},
     * only ever a path of this application's invitation pages), else the dashboard. A right password of a person with
     * two-factor sign-in goes to the code's page first, keeping where to go afterwards.
     */
    private final SavedRequestAwareAuthenticationSuccessHandler success =
            new SavedRequestAwareAuthenticationSuccessHandler() {
                {
                    setDefaultTargetUrl("/app");
                }

                @Override
                public void onAuthenticationSuccess(
                        HttpServletRequest request, HttpServletResponse response, Authentication authentication)
                        throws jakarta.servlet.ServletException, IOException {
                    if (authentication instanceof SecondFactorPending) {
                        String next = request.getParameter("continue");
                        response.sendRedirect(request.getContextPath()
                                + TwoFactorSignInPage.PATH
                                + (safeContinue(next) ? "?continue=" + encode(next) : ""));
                        return;
                    }
                    super.onAuthenticationSuccess(request, response, authentication);
                }

                @Override
                protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response) {
                    String next = request.getParameter("continue");
                    return safeContinue(next) ? next : super.determineTargetUrl(request, response);
                }
            };

    /** Sends a person who has just finished signing in (their second step) where the first step would have. */
    void signedIn(HttpServletRequest request, HttpServletResponse response, SignedIn person)
            throws IOException, jakarta.servlet.ServletException {
        success.onAuthenticationSuccess(request, response, person);
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * A signed-in person without the role a page needs gets 403 as before; one who is half-way through signing in
     * (right password, code not given yet) is sent back to the code's page, never to any page behind it.
     */
    private static AccessDeniedHandler accessDenied() {
        AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();
        return (request, response, denied) -> {
            if (SecurityContextHolder.getContext().getAuthentication() instanceof SecondFactorPending) {
                if ("true".equals(request.getHeader("HX-Request"))) {
                    response.setHeader("HX-Redirect", request.getContextPath() + TwoFactorSignInPage.PATH);
                    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                    return;
                }
                response.sendRedirect(request.getContextPath() + TwoFactorSignInPage.PATH);
                return;
            }
            forbidden.handle(request, response, denied);
        };
    }

    /** A local invitation page and nothing else: no open redirect through the sign-in form. */
    static boolean safeContinue(String next) {
        return next != null && next.startsWith("/invitations/accept?token=") && next.matches("[A-Za-z0-9/?=_\\-]+");
    }

    /** Back to the form, which says why: a wrong email or password (never which), or too many attempts. */
    private static AuthenticationFailureHandler failure() {
        SessionFlashMapManager flash = new SessionFlashMapManager();
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException refused) -> {
            FlashMap map = new FlashMap();
            map.setTargetRequestPath(SIGN_IN_PAGE);
            String email = request.getParameter("email");
            if (email != null && email.length() <= 320) {
                map.put("email", email);
            }
            if (refused instanceof SignInThrottled throttled) {
                map.put("error", "throttled");
                map.put("retryMinutes", Math.max(1, (throttled.retryAfter().plus(Duration.ofSeconds(59))).toMinutes()));
            } else {
                map.put("error", refused instanceof OidcSignIn.Refused oidcRefused ? oidcRefused.reason() : "invalid");
            }
            flash.saveOutputFlashMap(map, request, response);
            String next = request.getParameter("continue");
            response.sendRedirect(request.getContextPath()
                    + SIGN_IN_PAGE
                    + (safeContinue(next)
                            ? "?continue=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8)
                            : ""));
        };
    }

    /**
     * A page asked for without a session: the browser goes to the sign-in page; an htmx request (whose answer would
     * land inside the page) gets 401 with {@code HX-Redirect}, so htmx moves the whole page there.
     */
    private static AuthenticationEntryPoint entryPoint() {
        LoginUrlAuthenticationEntryPoint page = new LoginUrlAuthenticationEntryPoint(SIGN_IN_PAGE);
        return (request, response, missing) -> {
            if ("true".equals(request.getHeader("HX-Request"))) {
                response.setHeader("HX-Redirect", request.getContextPath() + SIGN_IN_PAGE);
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            try {
                page.commence(request, response, missing);
            } catch (IOException | jakarta.servlet.ServletException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
