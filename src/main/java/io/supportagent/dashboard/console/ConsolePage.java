package io.supportagent.dashboard.console;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * A controller of the operator console: its mappings are relative to {@code /platform}, where the dashboard's chain
 * has already made the request's caller {@code Caller.OperatorStaff} (anyone else signed in got 404). Each one also
 * carries {@code @OperatorStaffOnly}, checked on its handlers whatever chain a request came through. Its handlers get
 * the console's shell from {@link ConsoleShellAdvice} and render a template that fills {@code console/layout}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
@RequestMapping(ConsolePage.BASE)
public @interface ConsolePage {

    String BASE = "/platform";
}
