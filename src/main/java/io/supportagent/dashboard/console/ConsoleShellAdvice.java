package io.supportagent.dashboard.console;

import io.supportagent.members.MemberService;
import io.supportagent.members.SignedIn;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the {@link ConsoleShell} into the model of every console page ({@link ConsolePage}). */
@ControllerAdvice(annotations = ConsolePage.class)
class ConsoleShellAdvice {

    private final MemberService members;

    ConsoleShellAdvice(MemberService members) {
        this.members = members;
    }

    @ModelAttribute("console")
    ConsoleShell console(HttpServletRequest request) {
        SignedIn person = SignedIn.current().orElseThrow();
        String path = request.getServletPath();
        return new ConsoleShell(
                person.displayName(),
                person.email(),
                !members.organizationsOfCurrentPerson().isEmpty(),
                ConsoleShell.PAGES.stream()
                        .map(link -> new ConsoleShell.Link(
                                link.label(),
                                link.url(),
                                link.icon(),
                                path.equals(link.url()) || path.startsWith(link.url() + "/")))
                        .toList());
    }
}
