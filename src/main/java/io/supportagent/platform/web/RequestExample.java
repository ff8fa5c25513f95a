package io.supportagent.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An example request body for the operation's OpenAPI description, as JSON. The lint of the description checks it
 * against the body's schema.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequestExample {

    /** The body, as JSON. */
    String value();

    /** What the example shows, in a few words. */
    String summary() default "A request";
}
