package io.supportagent.apikeys;

import io.supportagent.platform.Caller;
import io.supportagent.platform.OperatorToken;
import io.supportagent.platform.Unauthenticated;
import io.supportagent.platform.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Guards the platform API ({@code /platform/v1/**}) with the operator token, compared in constant time. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class OperatorAuthenticationFilter extends OncePerRequestFilter {

    private static final String SCHEME = "Bearer realm=\"platform\"";

    private final OperatorToken token;
    private final ProblemWriter problems;

    OperatorAuthenticationFilter(OperatorToken token, ProblemWriter problems) {
        this.token = token;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/platform/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip()
                : null;
        if (!token.matches(presented)) {
            problems.write(
                    response,
                    new Unauthenticated(
                            "invalid_operator_token",
                            "The platform API needs 'Authorization: Bearer <operator token>'.",
                            SCHEME));
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, new Caller.Operator());
        chain.doFilter(request, response);
    }
}
