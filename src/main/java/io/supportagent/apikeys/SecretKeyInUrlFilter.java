package io.supportagent.apikeys;

import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.web.ProblemWriter;
import io.supportagent.platform.web.WebPipeline;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses any request whose URL carries a secret key ({@code sk_live_}/{@code sk_test_}), before anything else can
 * log that URL (Spring's request logging prints paths and query strings at DEBUG). Secret keys belong in the
 * {@code Authorization} header. Widget keys are public by design and may appear in URLs.
 */
@Component
@Order(WebPipeline.SECRET_KEY_IN_URL)
class SecretKeyInUrlFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    SecretKeyInUrlFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (looksLikeSecretKey(request.getRequestURI()) || looksLikeSecretKey(request.getQueryString())) {
            problems.write(response, new SecretKeyInUrl());
            return;
        }
        chain.doFilter(request, response);
    }

    /** A secret key was sent in a URL. */
    static final class SecretKeyInUrl extends ApiProblem {
        SecretKeyInUrl() {
            super(
                    HttpStatus.BAD_REQUEST,
                    "secret_key_in_url",
                    "Secret key in URL",
                    "Secret keys must never be sent in a URL (URLs end up in logs, proxies and browser history);"
                            + " send them as 'Authorization: Bearer …'. Consider rolling this key.");
        }
    }

    static boolean looksLikeSecretKey(String text) {
        if (text == null) {
            return false;
        }
        return text.contains("sk_live_")
                || text.contains("sk_test_")
                || text.contains("sk_live%5F")
                || text.contains("sk_test%5F")
                || text.contains("sk_live%5f")
                || text.contains("sk_test%5f");
    }
}
