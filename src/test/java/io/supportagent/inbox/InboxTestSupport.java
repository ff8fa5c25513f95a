package io.supportagent.inbox;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.Caller;
import io.supportagent.platform.CallerAuthentication;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.OrganizationId;
import java.util.function.Supplier;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** Runs work as a member of an organization, as the dashboard's chain makes the caller, for service-level tests. */
final class InboxTestSupport {

    private InboxTestSupport() {}

    static <T> T asMember(AccountId account, OrganizationId org, boolean livemode, MemberRole role, Supplier<T> work) {
        SecurityContext original = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new CallerAuthentication(new Caller.Member(account, org, livemode, role)));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(original);
        }
    }
}
