package io.supportagent.dashboard;

import io.supportagent.members.MemberService;
import io.supportagent.members.Membership;
import io.supportagent.members.OperatorStaffService;
import io.supportagent.members.SignedIn;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.TenancyService;
import jakarta.servlet.http.HttpSession;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code /app}: the signed-in person's way in. It opens the organization they used last in this session, else their
 * first; a person without any organization is told so, or, when they are operator staff, sent to the operator console. {@code /app/{organization}} opens its live mode.
 */
@Controller
class AppEntry {

    static final String LAST_ORGANIZATION = AppEntry.class.getName() + ".last";

    private final MemberService members;
    private final TenancyService tenancy;
    private final OperatorStaffService staff;

    AppEntry(MemberService members, TenancyService tenancy, OperatorStaffService staff) {
        this.members = members;
        this.tenancy = tenancy;
        this.staff = staff;
    }

    @GetMapping({"/app", "/app/"})
    String enter(HttpSession session, Model model) {
        List<Membership> memberships = members.organizationsOfCurrentPerson();
        if (memberships.isEmpty()) {
            if (SignedIn.current().map(p -> staff.isStaff(p.accountId())).orElse(false)) {
                return "redirect:/platform"; // operator staff without an organization: the console is their home
            }
            model.addAttribute("person", SignedIn.current().orElseThrow());
            return "dashboard/no-organization";
        }
        Object last = session.getAttribute(LAST_ORGANIZATION);
        Membership chosen = memberships.stream()
                .filter(m -> m.organizationId().toString().equals(last))
                .findFirst()
                .orElseGet(() -> memberships.stream()
                        .min(Comparator.comparing(m -> tenancy.organizationSnapshot(m.organizationId())
                                .map(Organization::name)
                                .orElse("")))
                        .orElseThrow());
        return "redirect:/app/" + chosen.organizationId() + "/live";
    }

    /** The chain has checked the membership already (404 otherwise). */
    @GetMapping({"/app/{organization}"})
    String organization(@PathVariable String organization) {
        return "redirect:/app/" + organization + "/live";
    }
}
