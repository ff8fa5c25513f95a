package io.supportagent.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An error answer particular to one operation, for its OpenAPI description: its status and the problem {@code code}s
 * it can carry there ({@code @ProblemResponse(status = 403, codes = {"tier_limit_reached", "live_mode_required"})}).
 * What every operation of an API answers (authentication, rate limits, bad input, unknown ids in the path,
 * idempotency) is added for each operation by {@link OpenApiConfiguration}, so a route added later is described too.
 * Every code must be in {@link ProblemCatalog}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ProblemResponse.List.class)
public @interface ProblemResponse {

    int status();

    String[] codes();

    /** Several on one operation. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        ProblemResponse[] value();
    }
}
