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

    /**
     * Operator staff viewing the organization read-only: the banner every page shows them ("Viewing … as operator …
     * — read-only — ends at … — End").
     */
    record OperatorView(String operatorEmail, String endsAt, String endsAtIso, String endUrl) {}

    /** The operator's read-only view this page is seen in, or null for a member. */
    public OperatorView operatorView() {
        Caller.Member.OperatorView view = member.operatorView();
        return view == null
                ? null
                : new OperatorView(
                        view.operatorEmail(),
                        io.supportagent.members.OrganizationViewService.time(view.endsAt()),
                        view.endsAt().toString(),
                        io.supportagent.members.OrganizationViewService.END_PATH);
    }

    record Organization(String name, String role, String url, boolean current) {}

    record Link(String label, String url, String icon, boolean current) {}

    /** An URL of this organization and mode: {@code url("/invoices")}. */
    public String url(String path) {
        return base + path;
    }

    public String role() {
        return member.readOnly() ? "read-only" : member.memberRole().code();
    }
}
