package io.supportagent.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.Caller;
import io.supportagent.platform.CallerAuthentication;
import io.supportagent.platform.web.ClientAddress;
import io.supportagent.platform.web.ProblemWriter;
import io.supportagent.platform.web.WebPipeline;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits the organization API per organization and mode, and the widget API per widget key and per widget key and
 * client address. Runs after the security chains, so it knows the caller. Every limited answer carries
 * {@code RateLimit-Policy} and {@code RateLimit} (draft-ietf-httpapi-ratelimit-headers); a refused one is 429
 * {@code rate_limited} with {@code Retry-After}.
 *
 * <pre>
 *   RateLimit-Policy: "default";q=20;w=2     q = burst (bucket size), w = seconds an empty bucket takes to refill
 *   RateLimit: "default";r=17;t=1            r = requests left now,   t = seconds until the bucket is full again
 * </pre>
 */
@Component
@Order(WebPipeline.RATE_LIMIT)
class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimitSettings settings;
    private final Buckets buckets;
    private final Limits limits;
    private final ProblemWriter problems;
    private final MeterRegistry meters;

    RateLimitFilter(
            RateLimitSettings settings, Buckets buckets, Limits limits, ProblemWriter problems, MeterRegistry meters) {
        this.settings = settings;
        this.buckets = buckets;
        this.limits = limits;
        this.problems = problems;
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !settings.enabled();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller = CallerAuthentication.current().orElse(null);
        List<Decision> decisions = List.of();
        if (caller instanceof Caller.SecretKey key) {
            decisions = List.of(buckets.consume(
                    "org:" + key.organizationId() + ":" + (key.livemode() ? "live" : "test"),
                    limits.organization(key.organizationId(), key.livemode())));
        } else if (caller instanceof Caller.Widget widget) {
            decisions = widget(widget, request.getRemoteAddr());
        }
        if (decisions.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("RateLimit-Policy", policyHeader(decisions));
        response.setHeader("RateLimit", stateHeader(decisions));
        Decision refused =
                decisions.stream().filter(d -> !d.allowed()).findFirst().orElse(null);
        if (refused != null) {
            meters.counter("ratelimit.rejected", "policy", refused.limit().policy())
                    .increment();
            problems.write(response, new RateLimited(refused));
            return;
        }
        chain.doFilter(request, response);
    }

    private List<Decision> widget(Caller.Widget widget, String address) {
        // The client bucket first: one noisy browser must not use up the whole store's allowance.
        Decision client = buckets.consume(
                "widget:" + widget.agentInstanceId() + ":" + ClientAddress.group(address), limits.widgetClient());
        if (!client.allowed()) {
            return List.of(client);
        }
        return List.of(client, buckets.consume("widget:" + widget.agentInstanceId(), limits.widgetKey()));
    }

    static String policyHeader(List<Decision> decisions) {
        return String.join(
                ", ",
                decisions.stream()
                        .map(d -> "\"" + d.limit().policy() + "\";q="
                                + d.limit().burst() + ";w=" + d.limit().windowSeconds())
                        .toList());
    }

    static String stateHeader(List<Decision> decisions) {
        return String.join(
                ", ",
                decisions.stream()
                        .map(d -> "\"" + d.limit().policy() + "\";r=" + d.remaining() + ";t=" + d.secondsToFull())
                        .toList());
    }

    /** 429 {@code rate_limited}. */
    static final class RateLimited extends ApiProblem {

        private final Decision decision;

        RateLimited(Decision decision) {
            super(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "rate_limited",
                    "Too many requests",
                    "Rate limit exceeded; retry after " + decision.retryAfterSeconds() + " s.");
            this.decision = decision;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", Long.toString(decision.retryAfterSeconds()));
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of(
                    "policy",
                    decision.limit().policy(),
                    "limit",
                    decision.limit().burst(),
                    "rate_per_second",
                    decision.limit().rate());
        }
    }
}
