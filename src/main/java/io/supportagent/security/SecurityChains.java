package io.supportagent.security;

import io.supportagent.apikeys.OperatorTokenAuthenticator;
import io.supportagent.apikeys.SecretKeyAuthenticator;
import io.supportagent.apikeys.WidgetKeyAuthenticator;
import io.supportagent.members.DashboardSignIn;
import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.Caller;
import io.supportagent.platform.CallerAuthenticator;
import io.supportagent.platform.CallerRefused;
import io.supportagent.platform.Forbidden;
import io.supportagent.platform.MalformedUrl;
import io.supportagent.platform.web.ProblemWriter;
import io.supportagent.widget.WidgetBrowserChecks;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.CorsFilter;

/**
 * The map of the web: one filter chain per surface, tried in this order, each deciding on the normalized path that
 * {@link PathFirewall} let through, and a last chain that refuses everything else. A chain authenticates with its
 * surface's {@link CallerAuthenticator} and then requires that surface's role, so no credential of one surface opens
 * another, and a route with no chain of its own answers 404 without reaching a handler. The API chains are stateless;
 * only the dashboard's keeps a session (in PostgreSQL, Spring Session JDBC), and no API chain ever reads it.
 *
 * <pre>
 *   order  surface             paths                          credential
 *   1      public assets       /widget.js /demo /v3/api-docs  none
 *                              /swagger-ui /error
 *   2      actuator            /actuator/**                   none for health, info, prometheus; rest denied
 *   3      organization API    /v1/**                         secret key (Bearer sk_live_/sk_test_)
 *   4      widget API          /widget/v1/**                  widget key (X-Widget-Key), page origin, CORS
 *   5      platform API        /platform/v1/**                operator token (Bearer)
 *   6      dashboard assets    /assets/** /webjars/**         none (stylesheet, scripts, htmx, uPlot)
 *   7      dashboard           /app/** /login /logout         a member's session (cookie), CSRF on every form;
 *                              /invitations/** /password-reset/**   sign-in, invitation and reset pages open
 *                              /oauth2/** /login/oauth2/**
 *                              /platform /platform/**         the operator console: operator staff's session
 *                                                             (/platform/v1 is the platform API's, order 5)
 *   last   everything else     /**                            denied: 404
 * </pre>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
class SecurityChains {

    private final ProblemWriter problems;

    SecurityChains(ProblemWriter problems) {
        this.problems = problems;
    }

    /**
     * Spring Security's own observations wrap every filter of every chain on every request; the HTTP server metrics
     * (per route, status and time) already say what operators need, so these stay off and the layer costs
     * microseconds.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    HttpFirewall httpFirewall() {
        return new PathFirewall();
    }

    /** A request the firewall refused: 400 problem+json, before any chain ran. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> problems.write(response, new MalformedUrl(rejected.getMessage()));
    }

    @Bean
    @Order(1)
    SecurityFilterChain publicAssets(HttpSecurity http) throws Exception {
        return stateless(http.securityMatcher(
                        "/widget.js",
                        "/demo",
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/swagger-ui.html",
                        "/swagger-ui/**",
                        "/error"))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        return stateless(http.securityMatcher("/actuator/**"))
                .authorizeHttpRequests(a -> a.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(
                                (request, response, denied) -> problems.write(response, new NoSuchRoute(request)))
                        .accessDeniedHandler(
                                (request, response, denied) -> problems.write(response, new NoSuchRoute(request))))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain organizationApi(HttpSecurity http, SecretKeyAuthenticator secretKeys) throws Exception {
        return api(http.securityMatcher("/v1/**"), secretKeys, Caller.SecretKey.ROLE)
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain widgetApi(HttpSecurity http, WidgetKeyAuthenticator widgetKeys, WidgetBrowserChecks browser)
            throws Exception {
        return api(http.securityMatcher("/widget/v1/**"), widgetKeys, Caller.Widget.ROLE)
                // In CORS's own slot, early: every answer (a refused key, a 503 included) carries the CORS headers
                // an allowed page needs to read it.
                .addFilterAt(browser.beforeAuthentication(), CorsFilter.class)
                .addFilterAfter(browser.afterAuthentication(), AuthenticationFilter.class)
                .build();
    }

    @Bean
    @Order(5)
    SecurityFilterChain platformApi(HttpSecurity http, OperatorTokenAuthenticator operatorToken) throws Exception {
        return api(http.securityMatcher("/platform/v1/**"), operatorToken, Caller.Operator.ROLE)
                .build();
    }

    @Bean
    @Order(6)
    SecurityFilterChain dashboardAssets(HttpSecurity http) throws Exception {
        return stateless(http.securityMatcher("/assets/**", "/webjars/**"))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .build();
    }

    /**
     * The dashboard: a member's session, kept in PostgreSQL so that any node serves any person; CSRF tokens on every
     * form and htmx request; a new session id at sign-in (session fixation). {@link DashboardSignIn} adds the sign-in
     * form, optional OIDC, sign-out, and the filter that makes each organization page's caller a member of the
     * organization in its URL (404 for any other). Pages under {@code /app} need a signed-in person; what each page
     * then allows is checked by method security on its handler and the services it calls.
     */
    @Bean
    @Order(7)
    SecurityFilterChain dashboard(HttpSecurity http, DashboardSignIn signIn) throws Exception {
        String[] paths = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of("/app", "/app/**", "/logout", "/platform", "/platform/**"),
                        java.util.Arrays.stream(DashboardSignIn.PUBLIC_PATHS))
                .toArray(String[]::new);
        HttpSessionRequestCache pagesOnly = new HttpSessionRequestCache();
        // Only a page the browser navigated to is worth returning to after signing in: never a fragment htmx asked
        // for, nor what a page's script fetched (the inbox's counts, its event stream reconnecting after the session
        // ended), which would land the person on JSON or a stream. A navigation asks for HTML; fetch and EventSource
        // do not.
        RequestMatcher page = request -> "GET".equals(request.getMethod())
                && request.getHeader("HX-Request") == null
                && request.getHeader("Accept") != null
                && request.getHeader("Accept").contains("text/html");
        pagesOnly.setRequestMatcher(page);
        return signIn.configure(http.securityMatcher(paths))
                .requestCache(r -> r.requestCache(pagesOnly))
                .authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(DashboardSignIn.PUBLIC_PATHS)
                        .permitAll()
                        .requestMatchers("/app", "/app/**")
                        // A signed-in person; on an organization's pages, the member the person is there.
                        .hasAnyRole(io.supportagent.members.SignedIn.ROLE, Caller.Member.ROLE)
                        // The operator console: operator staff only (anyone else signed in has had 404 already).
                        .requestMatchers("/platform", "/platform/**")
                        .hasRole(Caller.OperatorStaff.ROLE)
                        .anyRequest()
                        .denyAll())
                .build();
    }

    /** Deny by default: a path no chain above claims answers 404 without reaching a handler. */
    @Bean
    @Order(Integer.MAX_VALUE)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        return stateless(http)
                .authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(
                                (request, response, denied) -> problems.write(response, new NoSuchRoute(request)))
                        .accessDeniedHandler(
                                (request, response, denied) -> problems.write(response, new NoSuchRoute(request))))
                .build();
    }

    /**
     * An API surface: its authenticator reads and verifies the credential (a refusal answers the authenticator's
     * problem), a request without one answers the authenticator's "missing" problem, and every route needs the
     * surface's role.
     */
    private HttpSecurity api(HttpSecurity http, CallerAuthenticator authenticator, String role) throws Exception {
        AuthenticationFilter authentication = new AuthenticationFilter(authenticator::authenticate, authenticator);
        authentication.setSuccessHandler((request, response, verified) -> {});
        authentication.setFailureHandler((request, response, refused) -> problems.write(response, problemOf(refused)));
        return stateless(http)
                .addFilterAt(authentication, AuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().hasRole(role))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, missing) ->
                                problems.write(response, authenticator.missingCredentials()))
                        .accessDeniedHandler(
                                (request, response, denied) -> problems.write(response, wrongCredential())));
    }

    /** What every chain here shares: no session, no cookies, no CSRF (no browser session to ride), no login pages. */
    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .logout(l -> l.disable())
                .requestCache(r -> r.disable())
                .anonymous(a -> a.disable())
                .servletApi(s -> s.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable());
    }

    private static ApiProblem problemOf(org.springframework.security.core.AuthenticationException refused) {
        return refused instanceof CallerRefused callerRefused ? callerRefused.problem() : wrongCredential();
    }

    private static ApiProblem wrongCredential() {
        return new Forbidden("wrong_credential", "This route does not take the credential the request presented.");
    }
}
