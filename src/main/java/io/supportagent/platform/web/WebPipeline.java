package io.supportagent.platform.web;

import org.springframework.core.Ordered;

/**
 * The order in which every request passes the servlet filters, named once. The security layer (the firewall, then
 * one chain per surface, which verifies the caller) sits in the middle: what comes before it authorizes nothing, and
 * what comes after it reads the caller the chain verified.
 *
 * <pre>
 *   REQUEST_ID         request id, access log line
 *   SECRET_KEY_IN_URL  a secret key in a URL is refused before anything can log it
 *   BODY_SIZE          bodies over the limit answer 413
 *   SECURITY           Spring Security: firewall, the surface's chain, authentication, authorization
 *   RATE_LIMIT         per organization and mode, per widget key and client
 *   IDEMPOTENCY        Idempotency-Key replays, per caller
 * </pre>
 */
public final class WebPipeline {

    public static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE;
    public static final int SECRET_KEY_IN_URL = Ordered.HIGHEST_PRECEDENCE + 5;
    public static final int BODY_SIZE = Ordered.HIGHEST_PRECEDENCE + 6;
    /** Spring Boot's default order of the security filter ({@code spring.security.filter.order}). */
    public static final int SECURITY = -100;

    public static final int RATE_LIMIT = SECURITY + 10;
    public static final int IDEMPOTENCY = SECURITY + 20;

    private WebPipeline() {}
}
