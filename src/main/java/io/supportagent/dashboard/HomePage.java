package io.supportagent.dashboard;

import io.supportagent.platform.Caller;
import io.supportagent.platform.MemberAccess;
import io.supportagent.platform.MemberRole;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /app/{organization}/{mode}}: the overview for the roles that see billing, and for the others (support
 * people) a page that says what their role opens.
 */
@DashboardPage
class HomePage {

    private final OverviewPage overview;

    HomePage(OverviewPage overview) {
        this.overview = overview;
    }

    @GetMapping({"", "/"})
    @MemberAccess.AnyRole
    String home(Caller.Member member, Model model) {
        if (member.allows(MemberRole.Permission.BILLING)) {
            return overview.render(model);
        }
        return "dashboard/home";
    }
}
