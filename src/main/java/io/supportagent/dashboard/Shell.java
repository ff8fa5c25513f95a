package io.supportagent.dashboard;

import io.supportagent.platform.Caller;
import java.util.List;

/**
 * What every organization page's layout shows around its content: who is signed in, the organization and mode (with
 * links to switch them), and the navigation the member's role allows.
 *
 * @param base the organization and mode's URL prefix, {@code /app/{organization}/{live|test}}
 * @param otherModeUrl the current section in the other mode
 */
record Shell(
        Caller.Member member,
        String personName,
        String personEmail,
        String organizationName,
        boolean organizationSuspended,
        boolean livemode,
        String base,
        String otherModeUrl,
        List<Organization> organizations,
        List<Link> navigation) {

    record Organization(String name, String role, String url, boolean current) {}

    record Link(String label, String url, String icon, boolean current) {}

    /** An URL of this organization and mode: {@code url("/invoices")}. */
    public String url(String path) {
        return base + path;
    }

    public String role() {
        return member.memberRole().code();
    }
}
