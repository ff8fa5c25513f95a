package io.supportagent.platform.web;

import io.supportagent.platform.KeyFormat;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id, taken from a well-formed {@code X-Request-Id} or made here, answers it in the same
 * header and puts it in the logging context as {@code request_id}, so one request's log lines can be found; ends
 * with one access-log line per request.
 */
@Component
@Order(WebPipeline.REQUEST_ID)
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    private static final Logger accessLog = LoggerFactory.getLogger("io.supportagent.access");
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String id = given != null && ACCEPTED.matcher(given).matches() ? given : "req_" + UUID.randomUUID();
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            // The path only: query strings and headers (where keys travel) never reach the log, and a secret key pasted
            // into a path is cut down to its type.
            if (!request.isAsyncStarted()) {
                accessLog.info(
                        "{} {} {} {}ms",
                        request.getMethod(),
                        KeyFormat.redact(request.getRequestURI()),
                        response.getStatus(),
                        (System.nanoTime() - started) / 1_000_000);
            }
            MDC.remove(MDC_KEY);
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
