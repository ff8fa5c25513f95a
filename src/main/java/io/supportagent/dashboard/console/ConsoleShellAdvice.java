package io.supportagent.dashboard.console;

import io.supportagent.members.MemberService;
import io.supportagent.members.OrganizationViewService;
import io.supportagent.members.SignedIn;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.TenancyService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the {@link ConsoleShell} into the model of every console page ({@link ConsolePage}). */
@ControllerAdvice(annotations = ConsolePage.class)
class ConsoleShellAdvice {

    private final MemberService members;
    private final OrganizationViewService views;
    private final TenancyService tenancy;

    ConsoleShellAdvice(MemberService members, OrganizationViewService views, TenancyService tenancy) {
        this.members = members;
        this.views = views;
        this.tenancy = tenancy;
    }

    /**
     * The read-only view of an organization this session holds, while it runs: the console says so on every page
     * (its own forms are refused meanwhile), with the way back to the organization's dashboard and End.
     */
    record RunningView(String organizationName, String dashboardUrl, String endsAt, String endUrl) {}

    @ModelAttribute("runningView")
    RunningView runningView(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session == null) {
            return null;
        }
        return views.runningInSession(session)
                .map(view -> new RunningView(
                        tenancy.organizationSnapshot(view.organizationId())
                                .map(Organization::name)
                                .orElse("an organization"),
                        "/app/" + view.organizationId() + "/live",
                        OrganizationViewService.time(view.endsAt()),
                        OrganizationViewService.END_PATH))
                .orElse(null);
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
