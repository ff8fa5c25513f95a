package io.supportagent.dashboard;

import io.supportagent.members.MemberService;
import io.supportagent.members.Membership;
import io.supportagent.platform.Forbidden;
import io.supportagent.platform.MemberRole;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /app/inbox}: the inbox of the organization used last in this session when the person's role there opens
 * it, else of their first organization where it does (live mode); 403 where none does.
 */
@Controller
class InboxEntry {

    private final MemberService members;

    InboxEntry(MemberService members) {
        this.members = members;
    }

    @GetMapping("/app/inbox")
    String enter(HttpSession session) {
        List<Membership> support = members.organizationsOfCurrentPerson().stream()
                .filter(m -> m.role().allows(MemberRole.Permission.SUPPORT))
                .toList();
        Object last = session.getAttribute(AppEntry.LAST_ORGANIZATION);
        Membership chosen = support.stream()
                .filter(m -> m.organizationId().toString().equals(last))
                .findFirst()
                .orElseGet(() -> support.stream()
                        .findFirst()
                        .orElseThrow(() -> new Forbidden("no_inbox", "Your role opens no inbox.")));
        return "redirect:/app/" + chosen.organizationId() + "/live/inbox";
    }
}
