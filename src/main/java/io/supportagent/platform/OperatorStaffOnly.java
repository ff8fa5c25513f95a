package io.supportagent.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Only operator staff signed in to the operator console may call this ({@link Caller.OperatorStaff}): checked on the
 * method itself (method security), whatever chain the request came through. The console's pages carry it; the
 * platform API's handlers carry {@link OperatorOnly} instead, so neither credential opens the other surface.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("hasRole('" + Caller.OperatorStaff.ROLE + "')")
public @interface OperatorStaffOnly {}
