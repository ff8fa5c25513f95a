package io.supportagent.dashboard.console;

import java.util.List;

/**
 * What every console page's layout shows around its content: who is signed in, the console's navigation, and a way
 * back to the organization dashboard for a person who is also a member somewhere.
 */
record ConsoleShell(String personName, String personEmail, boolean alsoMember, List<Link> navigation) {

    record Link(String label, String url, String icon, boolean current) {}

    /** The console's pages, in the navigation's order. */
    static final List<Link> PAGES = List.of(
            new Link("Organizations", ConsolePage.BASE + "/organizations", "people", false),
            new Link("Billing", ConsolePage.BASE + "/billing", "receipt", false),
            new Link("Agent definitions", ConsolePage.BASE + "/agent-definitions", "home", false),
            new Link("Webhook health", ConsolePage.BASE + "/webhooks", "chart", false));
}
