package io.supportagent.widget;

import io.supportagent.platform.Caller;
import io.supportagent.platform.CallerAuthentication;
import io.supportagent.platform.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS second stage, in the widget chain right after authentication: a browser request (it has an {@code Origin}) must come from
 * one of the key's own store's allowed origins, else 403 {@code origin_not_allowed} before anything happens.
 * Requests without {@code Origin} are not from a browser page; CORS cannot and need not restrict them (the key is
 * public, and rate limits apply).
 */
class WidgetStoreOriginFilter extends OncePerRequestFilter {

    private final WidgetOrigins origins;
    private final ProblemWriter problems;

    WidgetStoreOriginFilter(WidgetOrigins origins, ProblemWriter problems) {
        this.origins = origins;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader("Origin");
        if (origin != null
                && CallerAuthentication.current().orElse(null) instanceof Caller.Widget caller
                && !origins.allowedByStore(caller.storeId(), origin)) {
            problems.write(response, WidgetCorsFilter.originNotAllowed());
            return;
        }
        chain.doFilter(request, response);
    }
}
