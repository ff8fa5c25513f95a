package io.supportagent.dashboard;

import io.supportagent.members.MemberService;
import io.supportagent.members.Membership;
import io.supportagent.members.SignedIn;
import io.supportagent.platform.Caller;
import io.supportagent.platform.CallerAuthentication;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.TenancyService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the {@link Shell} into the model of every organization page ({@link DashboardPage}). */
@ControllerAdvice(annotations = DashboardPage.class)
class ShellAdvice {

    private final MemberService members;
    private final TenancyService tenancy;

    ShellAdvice(MemberService members, TenancyService tenancy) {
        this.members = members;
        this.tenancy = tenancy;
    }

    @ModelAttribute("shell")
    Shell shell(HttpServletRequest request) {
        Caller.Member member = (Caller.Member) CallerAuthentication.current()
                .filter(Caller.Member.class::isInstance)
                .orElseThrow(() -> new IllegalStateException("an organization page without a member caller"));
        SignedIn person = SignedIn.current().orElseThrow();
        String org = member.organizationId().toString();
        String mode = member.livemode() ? "live" : "test";
        String base = "/app/" + org + "/" + mode;
        String path = request.getServletPath();
        String rest = path.length() > base.length() ? path.substring(base.length()) : "";
        String section = rest.isEmpty() ? "" : "/" + rest.substring(1).split("/")[0];
        Organization current =
                tenancy.organizationSnapshot(member.organizationId()).orElseThrow();
        List<Shell.Organization> organizations = members.organizationsOfCurrentPerson().stream()
                .map(m -> organization(m, member))
                .sorted(Comparator.comparing(Shell.Organization::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
        List<Shell.Link> navigation = Navigation.ITEMS.stream()
                .filter(item -> member.allows(item.permission()))
                .map(item -> new Shell.Link(
                        item.label(),
                        base + item.path(),
                        item.icon(),
                        item.path().equals(section)))
                .toList();
        if (!org.equals(request.getSession().getAttribute(AppEntry.LAST_ORGANIZATION))) {
            request.getSession().setAttribute(AppEntry.LAST_ORGANIZATION, org);
        }
        String otherMode = "/app/" + org + "/" + (member.livemode() ? "test" : "live") + section;
        return new Shell(
                member,
                person.displayName(),
                person.email(),
                current.name(),
                !current.active(),
                member.livemode(),
                base,
                otherMode,
                organizations,
                navigation);
    }

    private Shell.Organization organization(Membership membership, Caller.Member member) {
        String name = tenancy.organizationSnapshot(membership.organizationId())
                .map(Organization::name)
                .orElse("Organization " + membership.organizationId());
        return new Shell.Organization(
                name,
                member.readOnly() ? "read-only" : membership.role().code(),
                // The mode one looks at stays: someone checking test data in one organization wants it in the next.
                "/app/" + membership.organizationId() + "/" + (member.livemode() ? "live" : "test"),
                membership.organizationId().equals(member.organizationId()));
    }
}
