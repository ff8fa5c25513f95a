package io.supportagent.dashboard.console;

import io.supportagent.dashboard.DashboardPage;
import io.supportagent.members.OperatorStaffService;
import io.supportagent.members.SignedIn;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Tells organization pages whether the signed-in person is also operator staff, so that their account menu links to
 * the operator console (a person may be both).
 */
@ControllerAdvice(annotations = DashboardPage.class)
class ConsoleLinkAdvice {

    private final OperatorStaffService staff;

    ConsoleLinkAdvice(OperatorStaffService staff) {
        this.staff = staff;
    }

    @ModelAttribute("operatorConsole")
    boolean operatorConsole() {
        return SignedIn.current().map(p -> staff.isStaff(p.accountId())).orElse(false);
    }
}
