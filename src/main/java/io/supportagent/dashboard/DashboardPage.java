package io.supportagent.dashboard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * A controller of organization pages: its mappings are relative to {@code /app/{organization}/{mode}}, where the
 * dashboard's chain has already made the request's caller a {@code Caller.Member} of that organization in that mode
 * ({@code live} or {@code test}), or answered 404. Its handlers get the shell model (navigation, switchers) from
 * {@link ShellAdvice} and render a template that fills {@code dashboard/layout}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
@RequestMapping(DashboardPage.BASE)
public @interface DashboardPage {

    String BASE = "/app/{organization}/{mode}";
}
