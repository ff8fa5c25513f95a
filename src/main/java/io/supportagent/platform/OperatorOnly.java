package io.supportagent.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Only the platform operator may call this: checked on the method itself (method security), whatever chain the
 * request came through, so that no other way of reaching a platform handler can skip the operator check.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("hasRole('" + Caller.Operator.ROLE + "')")
public @interface OperatorOnly {}
