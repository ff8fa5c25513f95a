package io.supportagent.dashboard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportagent.apikeys.ApiKeyService;
import io.supportagent.members.OperatorStaffService;
import io.supportagent.platform.Caller;
import io.supportagent.platform.CallerAuthentication;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.AgentFixtures;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.MemberFixtures;
import io.supportagent.support.TestClock;
import io.supportagent.support.WidgetShop;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Operator staff viewing an organization's dashboard read-only ("view as organization") over HTTP through the real
 * chain against PostgreSQL: only staff granted it start one, with a reason and a duration; every page of the
 * organization opens with the banner and no membership; every change (forms, htmx, JSON, PUT, DELETE, the console's
 * own) is refused with 403 and changes no row; no other organization opens; the view ends at its time limit or with
 * End, and the organization's audit log says who looked, why, from when until when.
 */
@DashboardTest
class ViewAsOrganizationTests {

    private static final List<String> PAGES = List.of(
            "",
            "/inbox",
            "/usage",
            "/invoices",
            "/conversations",
            "/agents",
            "/stores",
            "/knowledge",
            "/api-keys",
            "/webhooks",
            "/team",
            "/audit");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    AgentFixtures shops;

    @Autowired
    MemberFixtures people;

    @Autowired
    OperatorStaffService staff;

    @Autowired
    TenancyService tenancy;

    @Autowired
    PlatformJdbc platform;

    @Autowired
    TestClock clock;

    @Autowired
    ApiKeyService keys;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    MemberFixtures.Person operator(boolean mayView) {
        String email = "viewer-" + UUID.randomUUID().toString().substring(0, 8) + "@platform.example";
        OperatorStaffService.Created created = staff.create(email, "Vic Viewer");
        if (mayView) {
            staff.allowViewingAsOrganization(email, true);
        }
        return new MemberFixtures.Person(created.accountId(), email, created.password());
    }

    static DashboardSession.Page startView(
            DashboardSession browser, OrganizationId org, String reason, String minutes) {
        browser.get("/platform/organizations/" + org);
        return browser.post(
                "/platform/organizations/" + org + "/view-as", Map.of("reason", reason, "minutes", minutes));
    }

    long views(OrganizationId org) {
        return platform.jdbc()
                .sql("SELECT count(*) FROM operator_views WHERE organization_id = :org")
                .param("org", org.value())
                .query(Long.class)
                .single();
    }

    long memberships(MemberFixtures.Person person) {
        return platform.jdbc()
                .sql("SELECT count(*) FROM memberships WHERE account_id = :account")
                .param("account", person.accountId().value())
                .query(Long.class)
                .single();
    }

    List<String> auditActions(OrganizationId org) {
        return platform.jdbc()
                .sql("SELECT action FROM audit_events WHERE organization_id = :org AND action LIKE 'operator_view.%'"
                        + " ORDER BY created_at, action DESC")
                .param("org", org.value())
                .query(String.class)
                .list();
    }

    @Test
    void grantedStaffOpenEveryPageOfTheOrganizationWithTheBannerAndNoMembership() {
        WidgetShop shop = WidgetShop.open(shops, port);
        String conversation = shop.handedOff().id();
        OrganizationId org = shop.org().organization().id();
        MemberFixtures.Person operator = operator(true);
        DashboardSession browser = DashboardSession.signedIn(port, operator);

        var form = browser.get("/platform/organizations/" + org);
        var started = startView(browser, org, "Ticket 4711: widget shows no greeting", "15");

        assertThat(form.body()).contains("View this organization's dashboard", "name=\"reason\"", "15 minutes");
        assertThat(started.status()).as(started.toString()).isEqualTo(302);
        assertThat(started.location()).endsWith("/app/" + org + "/live");
        for (String page : PAGES) {
            var seen = browser.get(shop.base() + page);
            if (seen.status() == 302 && page.equals("/knowledge")) {
                seen = browser.follow(seen); // the knowledge of the organization's one store
            }
            assertThat(seen.status()).as(page + " " + seen).isEqualTo(200);
            assertThat(seen.body())
                    .as(page)
                    .contains("operator-view-banner", "as operator", operator.email(), "read-only", "ends at")
                    .contains("action=\"/platform/view-as/end\"");
        }
        var inbox = browser.get(shop.base() + "/inbox/" + conversation);
        assertThat(inbox.status()).as(inbox.toString()).isEqualTo(200);
        assertThat(inbox.body()).contains("I want to talk to a human");
        for (String detail : List.of(
                shop.base() + "/conversations/" + conversation,
                shop.base() + "/agents/" + shop.shop().instance().id(),
                shop.base() + "/stores/" + shop.shop().store().id(),
                "/app/" + org + "/test",
                "/app/" + org + "/test/api-keys")) {
            var seen = browser.get(detail);
            assertThat(seen.status()).as(detail + " " + seen).isEqualTo(200);
            assertThat(seen.body()).as(detail).contains("operator-view-banner");
        }
        assertThat(memberships(operator)).as("no membership made").isZero();
        assertThat(platform.jdbc()
                        .sql("SELECT count(*) FROM conversation_reads WHERE account_id = :account")
                        .param("account", operator.accountId().value())
                        .query(Long.class)
                        .single())
                .as("reading marks nothing read")
                .isZero();
    }

    @Test
    void everyChangeDuringAViewIsRefusedWith403AndChangesNoRow() {
        WidgetShop shop = WidgetShop.open(shops, port);
        String conversation = shop.handedOff().id();
        OrganizationId org = shop.org().organization().id();
        DashboardSession browser = DashboardSession.signedIn(port, operator(true));
        startView(browser, org, "Checking the inbox for a customer", "30");
        long keysBefore = apiKeys(org);

        browser.get(shop.base() + "/inbox/" + conversation);
        var claim = browser.post(shop.base() + "/inbox/" + conversation + "/claim", Map.of());
        var reply = browser.post(
                shop.base() + "/inbox/" + conversation + "/messages", Map.of("content", "Hi", "mode", "reply"));
        browser.get(shop.base() + "/api-keys");
        var newKey = browser.post(shop.base() + "/api-keys", Map.of("name", "Stolen"));
        var htmx = browser.request(
                "POST", shop.base() + "/inbox/" + conversation + "/claim", Map.of("HX-Request", "true"));
        var json = browser.request("DELETE", shop.base() + "/api-keys", Map.of("Accept", "application/json"));
        var put = browser.request("PUT", shop.base() + "/stores", Map.of("Accept", "text/html"));
        var consolePage = browser.get("/platform/organizations/" + org);
        var suspend = browser.post(
                "/platform/organizations/" + org + "/suspend",
                Map.of("confirm", shop.org().organization().name()));

        for (var refused : List.of(claim, reply, newKey, htmx, put, suspend)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.body()).contains("Read-only: nothing was changed");
        }
        assertThat(newKey.body()).doesNotContain("sk_live_", "sk_test_");
        assertThat(consolePage.body())
                .as("the console says a view runs")
                .contains("You are viewing", "read-only until", "Back to its dashboard");
        assertThat(htmx.header("HX-Retarget")).isEqualTo("body");
        assertThat(json.status()).isEqualTo(403);
        assertThat(json.header("Content-Type")).startsWith("application/problem+json");
        assertThat(json.body()).contains("\"code\":\"read_only_view\"");
        assertThat(apiKeys(org)).isEqualTo(keysBefore);
        assertThat(platform.jdbc()
                        .sql("SELECT assignee_account_id IS NULL AND status = 'handed_off' FROM conversations"
                                + " WHERE organization_id = :org AND id = :id")
                        .param("org", org.value())
                        .param("id", UUID.fromString(conversation))
                        .query(Boolean.class)
                        .single())
                .as("still waiting, claimed by no one")
                .isTrue();
        assertThat(platform.jdbc()
                        .sql("SELECT count(*) FROM messages WHERE organization_id = :org AND content = 'Hi'")
                        .param("org", org.value())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(tenancy.findOrganization(org).orElseThrow().active()).isTrue();
    }

    @Test
    void everyChangingRouteOfTheDashboardAndTheConsoleAnswers403DuringAView() {
        WidgetShop shop = WidgetShop.open(shops, port);
        OrganizationId org = shop.org().organization().id();
        String conversation = shop.handedOff().id();
        DashboardSession browser = DashboardSession.signedIn(port, operator(true));
        startView(browser, org, "Sweeping every form", "30");
        browser.get(shop.base());
        List<String> routes = new java.util.ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            boolean changes = info.getMethodsCondition().getMethods().stream().anyMatch(m -> m != RequestMethod.GET);
            info.getPatternValues().stream()
                    .filter(p -> p.startsWith("/app/")
                            || p.startsWith("/invitations")
                            || p.startsWith("/password-reset")
                            || (p.startsWith("/platform") && !p.startsWith("/platform/v1")))
                    .filter(p -> changes && !p.equals("/platform/view-as/end"))
                    .forEach(routes::add);
        });
        assertThat(routes).as("the sweep covers the pages").hasSizeGreaterThan(30);

        List<String> answered = new java.util.ArrayList<>();
        for (String route : routes) {
            String path = route.replace("{organization}", org.toString())
                    .replace("{mode}", "live")
                    .replaceAll("\\{[^}]+}", conversation);
            var answer = browser.post(path, Map.of("name", "x", "content", "x", "confirm", "x"));
            if (answer.status() != 403 || !answer.body().contains("Read-only: nothing was changed")) {
                answered.add(route + " " + answer);
            }
        }
        assertThat(answered).as("routes that did not refuse").isEmpty();
    }

    @Test
    void aReadOnlyCallersTransactionsCannotWriteEvenWhereAPageWould() {
        var org = fixtures.organization(Tier.PRO);
        MemberFixtures.Person operator = operator(true);
        long before = apiKeys(org.organization().id());
        SecurityContext original = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new CallerAuthentication(new Caller.Member(
                operator.accountId(),
                org.organization().id(),
                true,
                MemberRole.OWNER,
                new Caller.Member.OperatorView(
                        UUID.randomUUID(), operator.email(), Instant.now().plusSeconds(60)))));
        SecurityContextHolder.setContext(context);
        try {
            assertThatThrownBy(() -> keys.create("Written anyway", null))
                    .isInstanceOf(DataAccessException.class)
                    .hasStackTraceContaining("read-only transaction");
        } finally {
            SecurityContextHolder.setContext(original);
        }
        assertThat(apiKeys(org.organization().id())).isEqualTo(before);
    }

    @Test
    void theViewEndsAtItsTimeLimitAndTheNextRequestGoesBackToTheConsole() {
        var org = fixtures.organization(Tier.PRO);
        OrganizationId id = org.organization().id();
        DashboardSession browser = DashboardSession.signedIn(port, operator(true));
        startView(browser, id, "Billing question", "15");
        assertThat(browser.get("/app/" + id + "/live").status()).isEqualTo(200);

        clock.moveTo(Instant.now().plus(Duration.ofMinutes(16)));
        var after = browser.get("/app/" + id + "/live/usage");
        var console = browser.follow(after);
        var again = browser.get("/app/" + id + "/live");

        assertThat(after.status()).isEqualTo(302);
        assertThat(after.location()).endsWith("/platform/organizations/" + id);
        assertThat(console.status()).isEqualTo(200);
        assertThat(console.body()).contains("ended at", "its time limit");
        assertThat(again.status()).as("no view, no membership").isEqualTo(404);
        assertThat(auditActions(id)).containsExactly("operator_view.started", "operator_view.ended");
        assertThat(platform.jdbc()
                        .sql("SELECT ended_how FROM operator_views WHERE organization_id = :org")
                        .param("org", id.value())
                        .query(String.class)
                        .single())
                .isEqualTo("expired");
    }

    @Test
    void noOtherOrganizationOpensDuringAViewNotEvenTheOperatorsOwn() {
        var viewed = fixtures.organization(Tier.PRO);
        var own = fixtures.organization(Tier.PRO);
        MemberFixtures.Person person = people.join(own.organization().id(), MemberRole.OWNER);
        staff.create(person.email(), null);
        staff.allowViewingAsOrganization(person.email(), true);
        DashboardSession browser = DashboardSession.signedIn(port, person);
        assertThat(browser.get("/app/" + own.organization().id() + "/live").status())
                .isEqualTo(200);

        startView(browser, viewed.organization().id(), "Comparing settings", "30");
        var page = browser.get("/app/" + viewed.organization().id() + "/live");
        var ownPage = browser.get("/app/" + own.organization().id() + "/live");
        var ownTest = browser.get("/app/" + own.organization().id() + "/test/api-keys");
        var entry = browser.get("/app");
        var ended = browser.post("/platform/view-as/end", Map.of());
        var ownAfter = browser.get("/app/" + own.organization().id() + "/live");

        assertThat(page.body())
                .contains(viewed.organization().name())
                .doesNotContain(own.organization().name());
        assertThat(ownPage.status()).isEqualTo(404);
        assertThat(ownTest.status()).isEqualTo(404);
        assertThat(entry.location()).endsWith("/app/" + viewed.organization().id() + "/live");
        assertThat(ended.location())
                .endsWith("/platform/organizations/" + viewed.organization().id());
        assertThat(ownAfter.status()).isEqualTo(200);
        assertThat(memberships(person)).isEqualTo(1);
    }

    @Test
    void theOrganizationsAuditLogSaysWhoLookedWhyAndFromWhenUntilWhen() {
        var org = fixtures.organization(Tier.PRO);
        OrganizationId id = org.organization().id();
        MemberFixtures.Person operator = operator(true);
        DashboardSession browser = DashboardSession.signedIn(port, operator);
        startView(browser, id, "Customer asked why invoices look odd", "60");
        browser.get("/app/" + id + "/live");

        var ended = browser.post("/platform/view-as/end", Map.of());
        var console = browser.follow(ended);
        DashboardSession owner = DashboardSession.signedIn(port, people.join(id, MemberRole.OWNER));
        var audit = owner.get("/app/" + id + "/live/audit");

        assertThat(console.body()).contains("You stopped viewing", "Customer asked why invoices look odd");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body())
                .contains("Operator staff " + operator.email())
                .contains("viewed the dashboard as " + org.organization().name())
                .contains("Customer asked why invoices look odd")
                .contains("stopped viewing the dashboard (ended by them)");
        assertThat(auditActions(id)).containsExactly("operator_view.started", "operator_view.ended");
        Map<String, Object> row = platform.jdbc()
                .sql("SELECT details->>'operator_email' AS email, details->>'reason' AS reason,"
                        + " details->>'started_at' AS started, details->>'ended_at' AS ended FROM audit_events"
                        + " WHERE organization_id = :org AND action = 'operator_view.ended'")
                .param("org", id.value())
                .query()
                .singleRow();
        assertThat(row.get("email")).isEqualTo(operator.email());
        assertThat(row.get("reason")).isEqualTo("Customer asked why invoices look odd");
        assertThat(row.get("started")).isNotNull();
        assertThat(row.get("ended")).isNotNull();
        assertThat(browser.get("/app/" + id + "/live").status()).as("ended").isEqualTo(404);
    }

    @Test
    void signingOutEndsTheView() {
        var org = fixtures.organization(Tier.PRO);
        OrganizationId id = org.organization().id();
        DashboardSession browser = DashboardSession.signedIn(port, operator(true));
        startView(browser, id, "Quick look", "30");
        browser.get("/app/" + id + "/live");

        var out = browser.post("/logout", Map.of());

        assertThat(out.status()).isEqualTo(302);
        assertThat(platform.jdbc()
                        .sql("SELECT ended_how FROM operator_views WHERE organization_id = :org")
                        .param("org", id.value())
                        .query(String.class)
                        .single())
                .isEqualTo("signed_out");
        assertThat(auditActions(id)).containsExactly("operator_view.started", "operator_view.ended");
    }

    @Test
    void membersOfEveryRoleCannotStartAView() {
        var org = fixtures.organization(Tier.PRO);
        OrganizationId id = org.organization().id();
        for (MemberRole role : MemberRole.values()) {
            DashboardSession member = DashboardSession.signedIn(port, people.join(id, role));
            member.get("/app/" + id + "/live");
            var refused = member.post(
                    "/platform/organizations/" + id + "/view-as", Map.of("reason", "Let me in", "minutes", "30"));
            assertThat(refused.status()).as(role.code()).isEqualTo(404);
        }
        assertThat(views(id)).isZero();
    }

    @Test
    void staffWithoutTheGrantSeeItOffAndAreRefused() {
        var org = fixtures.organization(Tier.PRO);
        OrganizationId id = org.organization().id();
        DashboardSession browser = DashboardSession.signedIn(port, operator(false));

        var page = browser.get("/platform/organizations/" + id);
        var refused = browser.post(
                "/platform/organizations/" + id + "/view-as", Map.of("reason", "Curious", "minutes", "30"));

        assertThat(page.body()).contains("Off for your account").doesNotContain("name=\"reason\"");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("off for your account");
        assertThat(views(id)).isZero();
        assertThat(browser.get("/app/" + id + "/live").status()).isEqualTo(404);
    }

    @Test
    void badInputIsRefusedClearlyAndStartsNothing() {
        var org = fixtures.organization(Tier.PRO);
        OrganizationId id = org.organization().id();
        DashboardSession browser = DashboardSession.signedIn(port, operator(true));

        var blank = startView(browser, id, "   ", "30");
        var tooLong = startView(browser, id, "x".repeat(501), "30");
        var control = startView(browser, id, "bad\u0000reason", "30");
        var oddDuration = startView(browser, id, "Valid reason", "45");
        var notANumber = startView(browser, id, "Valid reason", "soon");
        var unknown = browser.post(
                "/platform/organizations/" + UUID.randomUUID() + "/view-as",
                Map.of("reason", "Valid reason", "minutes", "30"));
        var malformed = browser.post(
                "/platform/organizations/not-an-id/view-as", Map.of("reason", "Valid reason", "minutes", "30"));

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("Give the reason");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("at most 500 characters");
        assertThat(control.status()).isEqualTo(400);
        assertThat(oddDuration.status()).isEqualTo(400);
        assertThat(oddDuration.body()).contains("15, 30 or 60 minutes");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(views(id)).isZero();
        assertThat(browser.get("/app/" + id + "/live").status()).isEqualTo(404);
    }

    long apiKeys(OrganizationId org) {
        return platform.jdbc()
                .sql("SELECT count(*) FROM organization_api_keys WHERE organization_id = :org")
                .param("org", org.value())
                .query(Long.class)
                .single();
    }
}
