package io.supportagent.widget;

import io.supportagent.platform.Forbidden;
import io.supportagent.platform.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for the widget API, first stage, in the widget chain before authentication. A preflight ({@code OPTIONS}, sent
 * without the key) passes when some store allows the origin; otherwise it is refused without CORS headers, so the
 * browser never sends the real request. A real request from an origin some store allows gets
 * {@code Access-Control-Allow-Origin} up front, so that the widget can read every answer, errors and 429s included;
 * {@link WidgetStoreOriginFilter} then requires the key's own store to allow it.
 */
class WidgetCorsFilter extends OncePerRequestFilter {

    static final String ALLOW_HEADERS = "X-Widget-Key, X-Conversation-Token, Content-Type, Accept, Idempotency-Key";
    static final String EXPOSE_HEADERS = "Retry-After, RateLimit, RateLimit-Policy, X-Request-Id, Idempotent-Replayed";

    private final WidgetOrigins origins;
    private final ProblemWriter problems;

    WidgetCorsFilter(WidgetOrigins origins, ProblemWriter problems) {
        this.origins = origins;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader("Origin");
        response.addHeader("Vary", "Origin");
        boolean known = origin != null && origins.allowedByAnyStore(origin);
        if (known) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        }
        if ("OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
            if (!known) {
                problems.write(response, originNotAllowed());
                return;
            }
            response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            response.setHeader("Access-Control-Allow-Headers", ALLOW_HEADERS);
            response.setHeader("Access-Control-Max-Age", "600");
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        chain.doFilter(request, response);
    }

    static Forbidden originNotAllowed() {
        return new Forbidden("origin_not_allowed", "This widget key may not be used from this website.");
    }
}
