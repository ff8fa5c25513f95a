package io.supportagent.widget;

import io.supportagent.platform.Caller;
import io.supportagent.platform.CallerAuthentication;
import io.supportagent.platform.Forbidden;
import io.supportagent.platform.web.ProblemWriter;
import io.supportagent.tenancy.WidgetSightings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS second stage, in the widget chain right after authentication: a browser request (it has an {@code Origin})
 * must come from one of the key's own store's allowed origins, else 403 {@code origin_not_allowed} before anything
 * happens. A request without {@code Origin} is no browser page's: the widget key is public, so a script could use it
 * to start conversations the store pays for; it answers 403 {@code origin_required} unless the store lets its own
 * server call the widget API. An allowed origin is noted as a website the store's widget runs on
 * ({@link WidgetSightings}).
 */
class WidgetStoreOriginFilter extends OncePerRequestFilter {

    private final WidgetOrigins origins;
    private final ProblemWriter problems;
    private final WidgetSightings sightings;

    WidgetStoreOriginFilter(WidgetOrigins origins, ProblemWriter problems, WidgetSightings sightings) {
        this.origins = origins;
        this.problems = problems;
        this.sightings = sightings;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = pageOrigin(request);
        if (CallerAuthentication.current().orElse(null) instanceof Caller.Widget caller) {
            if (origin != null && !origins.allowedByStore(caller.storeId(), origin)) {
                problems.write(response, WidgetCorsFilter.originNotAllowed());
                return;
            }
            if (origin == null && !origins.serverRequestsAllowed(caller.storeId())) {
                problems.write(response, originRequired());
                return;
            }
            if (origin != null) {
                sightings.seen(caller.organizationId(), caller.storeId(), origin);
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * The origin of the page a request comes from: its {@code Origin}, or, for a same-origin {@code GET} (which
     * browsers send without one; {@code Sec-Fetch-Site} says so), this server's own origin — the platform's own
     * pages, such as the demo store, are subject to the same store rule as any other.
     */
    static String pageOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null && "same-origin".equals(request.getHeader("Sec-Fetch-Site"))) {
            String host = request.getHeader("Host");
            return host == null ? null : request.getScheme() + "://" + host;
        }
        return origin;
    }

    static Forbidden originRequired() {
        return new Forbidden(
                "origin_required",
                "The widget API answers the store's web pages (requests with an Origin header); a store lets its own"
                        + " server call it by allowing server requests.");
    }
}
