package io.supportagent.platform.web;

import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.ServiceUnavailable;
import io.supportagent.platform.db.DatabaseFailures;
import io.supportagent.platform.db.DatabaseOutages;
import io.supportagent.platform.db.RequestDatabaseWaits;
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
 *
 * <p>Being the outermost filter, it also answers 503 {@code service_unavailable} for a database failure that no
 * inner layer handled (one raised by another filter, such as a widget key looked up while the database is away),
 * where the servlet container would otherwise answer an error page with status 500.
 */
@Component
@Order(WebPipeline.REQUEST_ID)
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    private static final Logger accessLog = LoggerFactory.getLogger("io.supportagent.access");
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private final ProblemWriter problems;
    private final DatabaseOutages outages;

    RequestIdFilter(ProblemWriter problems, DatabaseOutages outages) {
        this.problems = problems;
        this.outages = outages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String id = given != null && ACCEPTED.matcher(given).matches() ? given : "req_" + UUID.randomUUID();
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        long started = System.nanoTime();
        // One wait for the database per request: once it was found away, the rest of the request does not wait again.
        try (RequestDatabaseWaits.Scope waits = RequestDatabaseWaits.open()) {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!DatabaseFailures.unavailable(e) || response.isCommitted()) {
                throw e;
            }
            outages.requestFailed(e);
            response.resetBuffer(); // what an inner layer began to write; its headers (CORS, request id) stay
            if (UnavailablePage.wanted(request)) {
                UnavailablePage.write(response); // a person's browser: a page that says so, not a problem document
            } else {
                problems.write(response, new ServiceUnavailable());
            }
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
