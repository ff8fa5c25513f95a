package io.supportagent.dashboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.members.OperatorStaffService;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.OperatorToken;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.MemberFixtures;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The operator console over HTTP through the real chain: who opens it (operator staff; members get 404, the operator
 * token and anonymous browsers only the sign-in page), what a staff session cannot open (the platform API, the
 * organization API, organizations' pages), CSRF on its forms, and each of its actions calling the module services the
 * platform API calls, with the same refusals and the organization's audit log naming the staff member.
 */
@DashboardTest
class OperatorConsoleTests {

    private static final Pattern ORGANIZATION_URL =
            Pattern.compile("/platform/organizations/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    OperatorStaffService staff;

    @Autowired
    TenancyService tenancy;

    @Autowired
    OperatorToken operatorToken;

    @Autowired
    PlatformJdbc platform;

    @Autowired
    java.time.Clock clock;

    MemberFixtures.Person operatorStaff() {
        String email = "staff-" + UUID.randomUUID().toString().substring(0, 8) + "@platform.example";
        OperatorStaffService.Created created = staff.create(email, "Sam Staff");
        return new MemberFixtures.Person(created.accountId(), email, created.password());
    }

    DashboardSession console() {
        return DashboardSession.signedIn(port, operatorStaff());
    }

    @Test
    void operatorStaffSignInAtLoginAndLandOnTheConsole() {
        DashboardSession browser = DashboardSession.anonymous(port);
        MemberFixtures.Person person = operatorStaff();

        var signedIn = browser.signIn(person.email(), person.password());
        var app = browser.follow(signedIn);
        var platformHome = browser.follow(app);
        var organizations = browser.follow(platformHome);

        assertThat(signedIn.location()).endsWith("/app");
        assertThat(app.location()).endsWith("/platform");
        assertThat(platformHome.location()).endsWith("/platform/organizations");
        assertThat(organizations.status()).isEqualTo(200);
        assertThat(organizations.body()).contains("Operator console", "Create an organization", person.email());
    }

    @Test
    void aPersonWhoIsBothMemberAndStaffOpensBothAndFindsTheConsoleInTheAccountMenu() {
        var org = fixtures.organization(Tier.PRO);
        MemberFixtures.Person member = people.join(org.organization().id(), MemberRole.OWNER);
        OperatorStaffService.Created again = staff.create(member.email(), null);
        DashboardSession browser = DashboardSession.signedIn(port, member);

        var dashboard = browser.get("/app/" + org.organization().id() + "/live");
        var consolePage = browser.get("/platform/organizations");

        assertThat(again.password()).as("a member keeps their own password").isNull();
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains("href=\"/platform\"");
        assertThat(consolePage.status()).isEqualTo(200);
        assertThat(consolePage.body()).contains("Organization dashboard");
    }

    @Test
    void membersOfEveryRoleGet404OnEveryConsolePageAndForm() {
        var org = fixtures.organization(Tier.PRO);
        for (MemberRole role : MemberRole.values()) {
            DashboardSession member = DashboardSession.signedIn(
                    port, people.join(org.organization().id(), role));
            member.get("/app/" + org.organization().id() + "/live"); // a page with a CSRF token
            for (String page : new String[] {
                "/platform",
                "/platform/organizations",
                "/platform/organizations/" + org.organization().id(),
                "/platform/billing",
                "/platform/agent-definitions",
                "/platform/webhooks",
                "/platform/no-such-page"
            }) {
                assertThat(member.get(page).status()).as(role + " " + page).isEqualTo(404);
            }
            var tierChange = member.post(
                    "/platform/organizations/" + org.organization().id() + "/settings",
                    Map.of("name", "Taken over", "tier", "enterprise", "billing_timezone", "UTC"));
            assertThat(tierChange.status()).as(role + " changing a tier").isEqualTo(404);
        }
        assertThat(tenancy.findOrganization(org.organization().id())
                        .orElseThrow()
                        .tier())
                .isEqualTo(Tier.PRO);
    }

    @Test
    void withoutASessionTheConsoleSendsToSignInAndTheOperatorTokenOpensNoPage() {
        var anonymous = DashboardSession.anonymous(port).get("/platform/organizations");
        var withToken = Http.on(port).bearer(operatorToken.reveal()).get("/platform/organizations");
        var postWithToken = Http.on(port)
                .bearer(operatorToken.reveal())
                .post("/platform/organizations", Map.of("name", "By token", "tier", "pro"));

        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.location()).endsWith("/login");
        assertThat(withToken.status()).isEqualTo(302);
        assertThat(withToken.header("Location")).endsWith("/login");
        assertThat(postWithToken.status()).as("no CSRF token, no session").isEqualTo(403);
        assertThat(tenancy.findOrganizationByName("By token")).isEmpty();
    }

    @Test
    void aStaffSessionOpensNeitherThePlatformApiNorTheOrganizationApiNorOrganizationPages() {
        var org = fixtures.organization(Tier.PRO);
        DashboardSession browser = console();
        String cookie = "SESSION=" + browser.sessionCookie();

        var platformApi = Http.on(port).header("Cookie", cookie).get("/platform/v1/organizations");
        var organizationApi = Http.on(port).header("Cookie", cookie).get("/v1/organization");
        var organizationPage = browser.get("/app/" + org.organization().id() + "/live");
        var withBoth = Http.on(port)
                .header("Cookie", cookie)
                .bearer(operatorToken.reveal())
                .get("/platform/v1/organizations");

        assertThat(platformApi.status()).isEqualTo(401);
        assertThat(organizationApi.status()).isEqualTo(401);
        assertThat(organizationPage.status()).isEqualTo(404);
        assertThat(withBoth.status()).as("the token still works for machines").isEqualTo(200);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        var org = fixtures.organization(Tier.BASIC);
        DashboardSession browser = console();
        browser.get("/platform/organizations");
        String name = "No token " + UUID.randomUUID();

        var create = browser.postWithoutToken("/platform/organizations", Map.of("name", name, "tier", "pro"));
        var tier = browser.postWithoutToken(
                "/platform/organizations/" + org.organization().id() + "/settings",
                Map.of("name", "x", "tier", "enterprise", "billing_timezone", "UTC"));

        assertThat(create.status()).isEqualTo(403);
        assertThat(tier.status()).isEqualTo(403);
        assertThat(tenancy.findOrganizationByName(name)).isEmpty();
        assertThat(tenancy.findOrganization(org.organization().id())
                        .orElseThrow()
                        .tier())
                .isEqualTo(Tier.BASIC);
    }

    @Test
    void createsAnOrganizationWithItsOwnerInvitationShownOnce() {
        DashboardSession browser = console();
        browser.get("/platform/organizations");
        String name = "Console Outfitters " + UUID.randomUUID().toString().substring(0, 6);

        var created = browser.post(
                "/platform/organizations",
                Map.of(
                        "name", name,
                        "tier", "enterprise",
                        "owner_email", "owner-" + UUID.randomUUID().toString().substring(0, 6) + "@shop.example",
                        "usage_cap", "5000",
                        "billing_timezone", "Europe/Berlin"));
        var page = browser.follow(created);
        var again = browser.get(created.location());

        assertThat(created.status()).isEqualTo(302);
        Matcher id = ORGANIZATION_URL.matcher(created.location());
        assertThat(id.find()).isTrue();
        Organization org = tenancy.findOrganization(io.supportagent.platform.OrganizationId.parse(id.group(1)))
                .orElseThrow();
        assertThat(org.name()).isEqualTo(name);
        assertThat(org.tier()).isEqualTo(Tier.ENTERPRISE);
        assertThat(org.usageCap()).isEqualTo(5000);
        assertThat(org.billingTimezone()).isEqualTo("Europe/Berlin");
        assertThat(page.body()).contains("Owner invitation", "/invitations/accept?token=");
        assertThat(again.body()).doesNotContain("/invitations/accept?token=");
        assertThat(again.body()).contains("Created the organization");
    }

    @Test
    void refusesWhatTheApiRefusesWithItsReasonAndNeverA500() {
        var org = fixtures.organization(Tier.PRO);
        String base = "/platform/organizations/" + org.organization().id();
        DashboardSession browser = console();
        browser.get(base);

        var badCap = browser.post(
                base + "/settings", Map.of("name", "N", "tier", "pro", "usage_cap", "lots", "billing_timezone", "UTC"));
        var zeroCap = browser.post(
                base + "/settings", Map.of("name", "N", "tier", "pro", "usage_cap", "0", "billing_timezone", "UTC"));
        var badZone = browser.post(
                base + "/settings", Map.of("name", "N", "tier", "pro", "billing_timezone", "Mars/Olympus"));
        var badTier =
                browser.post(base + "/settings", Map.of("name", "N", "tier", "platinum", "billing_timezone", "UTC"));
        var badPrice = browser.post(base + "/pricing", Map.of("overage_unit_price", "0.1234567"));
        var negativeFee = browser.post(base + "/pricing", Map.of("base_fee_cents", "-5"));
        var noName = browser.post("/platform/organizations", Map.of("name", " ", "tier", "pro"));
        var blankRename =
                browser.post(base + "/settings", Map.of("name", "  ", "tier", "pro", "billing_timezone", "UTC"));
        var badOwner = browser.post(
                "/platform/organizations", Map.of("name", "Fine", "tier", "pro", "owner_email", "not an email"));
        var unknown = browser.get("/platform/organizations/" + UUID.randomUUID());
        var notAnId = browser.get("/platform/organizations/not-an-id");
        var unknownSettings = browser.post(
                "/platform/organizations/" + UUID.randomUUID() + "/settings",
                Map.of("name", "N", "tier", "pro", "billing_timezone", "UTC"));

        assertThat(badCap.status()).isEqualTo(400);
        assertThat(badCap.body()).contains("usage cap: must be a whole number");
        assertThat(zeroCap.status()).isEqualTo(400);
        assertThat(zeroCap.body()).contains("usage cap: must be greater than 0");
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(badZone.body()).contains("IANA time zone");
        assertThat(badTier.status()).isEqualTo(400);
        assertThat(badPrice.status()).isEqualTo(400);
        assertThat(badPrice.body()).contains("at most 6 decimal places");
        assertThat(negativeFee.status()).isEqualTo(400);
        assertThat(noName.status()).isEqualTo(400);
        assertThat(blankRename.status()).isEqualTo(400);
        assertThat(blankRename.body()).contains("name: must be 1 to 200 characters");
        assertThat(badOwner.status()).isEqualTo(400);
        assertThat(badOwner.body()).contains("owner email");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(notAnId.status()).isEqualTo(404);
        assertThat(unknownSettings.status()).isEqualTo(404);
        Organization unchanged =
                tenancy.findOrganization(org.organization().id()).orElseThrow();
        assertThat(unchanged.tier()).isEqualTo(Tier.PRO);
        assertThat(unchanged.usageCap()).isNull();
        assertThat(unchanged.customPricing()).isNull();
    }

    @Test
    void changesShowInTheOrganizationsAuditLogAsTheStaffMember() {
        var org = fixtures.organization(Tier.BASIC);
        String base = "/platform/organizations/" + org.organization().id();
        MemberFixtures.Person person = operatorStaff();
        DashboardSession browser = DashboardSession.signedIn(port, person);
        browser.get(base);

        var tier = browser.post(
                base + "/settings",
                Map.of(
                        "name",
                        org.organization().name(),
                        "tier",
                        "pro",
                        "usage_cap",
                        "1200",
                        "billing_timezone",
                        "America/New_York"));
        browser.get(base);
        var pricing = browser.post(base + "/pricing", Map.of("base_fee_cents", "9900", "overage_unit_price", "0.015"));
        browser.get(base);
        var refusedSuspension = browser.post(base + "/suspend", Map.of("confirm", "wrong name"));
        var suspend = browser.post(
                base + "/suspend", Map.of("confirm", org.organization().name()));
        var suspendedKey = Http.on(port).bearer(org.liveKey()).get("/v1/organization");
        browser.get(base);
        var resume = browser.post(base + "/resume", Map.of());

        assertThat(tier.status()).isEqualTo(302);
        assertThat(pricing.status()).isEqualTo(302);
        assertThat(refusedSuspension.status()).isEqualTo(400);
        assertThat(suspend.status()).isEqualTo(302);
        assertThat(suspendedKey.status()).isEqualTo(403);
        assertThat(resume.status()).isEqualTo(302);
        Organization now = tenancy.findOrganization(org.organization().id()).orElseThrow();
        assertThat(now.tier()).isEqualTo(Tier.PRO);
        assertThat(now.usageCap()).isEqualTo(1200);
        assertThat(now.billingTimezone()).isEqualTo("America/New_York");
        assertThat(now.active()).isTrue();
        assertThat(TenancyService.customPricing(now).orElseThrow().baseFeeCents())
                .isEqualTo(9900L);

        var log = Http.on(port)
                .bearer(org.liveKey())
                .get("/v1/audit-events?actor_type=operator")
                .json();
        Map<String, String> actors = new HashMap<>();
        log.get("data")
                .forEach(e -> actors.put(
                        e.get("action").asText(), e.get("actor").get("label").asText()));
        String label = "Operator staff " + person.email();
        assertThat(actors)
                .containsEntry("organization.tier_changed", label)
                .containsEntry("organization.updated", label)
                .containsEntry("organization.suspended", label)
                .containsEntry("organization.resumed", label);
    }

    @Test
    void searchesOrganizationsByNameAndId() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        Organization found = tenancy.createOrganization("Findable " + marker + " GmbH", Tier.PRO);
        Organization other = tenancy.createOrganization("Other " + UUID.randomUUID(), Tier.PRO);
        DashboardSession browser = console();

        platform.jdbc()
                .sql("""
                        INSERT INTO conversation_usage (organization_id, period_start, conversations)
                        VALUES (:org, :start, 1234)""")
                .param("org", found.id().value())
                .param(
                        "start",
                        io.supportagent.usage.BillingPeriod.containing(
                                        clock.instant(), java.time.ZoneId.of(found.billingTimezone()))
                                .startDate())
                .update();

        var byName = browser.get("/platform/organizations?q=findable+" + marker);
        var byId = browser.get("/platform/organizations?q=" + found.id());
        var none = browser.get("/platform/organizations?q=%25_" + marker);

        assertThat(byName.body())
                .contains(found.id().toString())
                .contains("data-label=\"Conversations this month\" class=\"num\">1,234</td>")
                .doesNotContain(other.id().toString());
        assertThat(byId.body())
                .contains(found.id().toString())
                .doesNotContain(other.id().toString());
        assertThat(none.body()).contains("No organization matches");
    }

    @Test
    void publishesADefinitionVersionThroughTheApisRules() {
        DashboardSession browser = console();
        browser.get("/platform/agent-definitions");
        String type = "console_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
        Map<String, String> form = new HashMap<>(Map.of(
                "type", type,
                "version", "1.1.0",
                "name", "Console agent",
                "system_prompt", "You help shoppers.",
                "tools", "search_knowledge",
                "default_config", "{\"greeting\": \"Hello\"}"));

        var published = browser.post("/platform/agent-definitions", form);
        browser.get("/platform/agent-definitions");
        var again = browser.post("/platform/agent-definitions", form);
        form.put("version", "1.2.0");
        form.put("tools", "send_money");
        var badTool = browser.post("/platform/agent-definitions", form);
        form.put("tools", "search_knowledge");
        form.put("default_config", "[1, 2]");
        var badConfig = browser.post("/platform/agent-definitions", form);
        form.put("default_config", "");
        form.put("version", "one");
        var badVersion = browser.post("/platform/agent-definitions", form);
        var api = Http.on(port)
                .bearer(operatorToken.reveal())
                .get("/platform/v1/agent-definitions?type=" + type)
                .json();

        assertThat(published.status()).isEqualTo(302);
        var page = browser.follow(published);
        assertThat(page.body()).contains(type + " 1.1.0", "No agent instance runs this version", "You help shoppers.");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("published already");
        assertThat(badTool.status()).isEqualTo(400);
        assertThat(badConfig.status()).isEqualTo(400);
        assertThat(badVersion.status()).isEqualTo(400);
        assertThat(badVersion.body()).contains("semantic version");
        assertThat(api.get("data")).hasSize(1);
        assertThat(api.get("data").get(0).get("tools").get(0).asText()).isEqualTo("search_knowledge");
        assertThat(api.get("data").get(0).get("default_config").get("greeting").asText())
                .isEqualTo("Hello");
    }

    @Test
    void showsWhichInstancesRunAVersion() {
        var org = fixtures.organization(Tier.PRO);
        var store = io.supportagent.platform.TenantContext.callAs(
                org.live(), () -> tenancy.createStore("Console store", "console.example", java.util.List.of()));
        DashboardSession browser = console();
        var list = browser.get("/platform/agent-definitions");
        Matcher customerService = Pattern.compile(
                        "/platform/agent-definitions/([0-9a-f-]{36})\">customer_service 1\\.0\\.0")
                .matcher(list.body());
        assertThat(customerService.find()).as(list.body()).isTrue();
        var deployed = Http.on(port)
                .bearer(org.liveKey())
                .post(
                        "/v1/agent-instances",
                        Map.of(
                                "store_id",
                                store.id().toString(),
                                "agent_definition_id",
                                customerService.group(1),
                                "name",
                                "Console-visible assistant"));

        var page = browser.get("/platform/agent-definitions/" + customerService.group(1));

        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        assertThat(page.body())
                .contains("Console-visible assistant", org.organization().name(), "Console store");
        assertThat(browser.get("/platform/agent-definitions/" + UUID.randomUUID())
                        .status())
                .isEqualTo(404);
        assertThat(browser.get("/platform/agent-definitions/nope").status()).isEqualTo(404);
    }

    @Test
    void billingRunsAMonthAndOpensItsInvoices() {
        DashboardSession browser = console();
        var page = browser.get("/platform/billing");
        var future = browser.post("/platform/billing/runs", Map.of("period", "2999-01"));
        var nonsense = browser.post("/platform/billing/runs", Map.of("period", "last month"));
        var badPeriod = browser.get("/platform/billing?period=13-2026");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Run a billing period");
        assertThat(future.status()).isEqualTo(409);
        assertThat(future.body()).contains("has not ended yet");
        assertThat(nonsense.status()).isEqualTo(400);
        assertThat(badPeriod.status()).isEqualTo(400);
        assertThat(browser.get("/platform/billing/invoices/" + UUID.randomUUID() + "/2026-01")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void webhookHealthListsFailingEndpointsAcrossOrganizationsWithTheirFailures() {
        var org = fixtures.organization(Tier.PRO);
        String url = "https://hooks.example/" + UUID.randomUUID();
        UUID endpoint = UUID.randomUUID();
        Instant now = Instant.now();
        platform.jdbc()
                .sql("INSERT INTO webhook_endpoints (id, organization_id, livemode, url, secret)"
                        + " VALUES (:id, :org, true, :url, 'whsec_test')")
                .param("id", endpoint)
                .param("org", org.organization().id().value())
                .param("url", url)
                .update();
        for (String status : new String[] {"failed", "failed", "pending", "delivered"}) {
            platform.jdbc()
                    .sql("""
                            INSERT INTO webhook_deliveries (organization_id, endpoint_id, event_id, event_type, payload,
                                status, attempts, next_attempt_at, last_status_code, last_error, delivered_at, created_at)
                            VALUES (:org, :endpoint, :event, 'usage.threshold_crossed', '{}', :status, 3, :retry,
                                    CASE WHEN :status = 'delivered' THEN 200 ELSE 503 END,
                                    CASE WHEN :status = 'delivered' THEN NULL ELSE 'Service Unavailable' END,
                                    CASE WHEN :status = 'delivered' THEN CAST(:now AS timestamptz) END, :now)""")
                    .param("org", org.organization().id().value())
                    .param("endpoint", endpoint)
                    .param("event", UUID.randomUUID())
                    .param("status", status)
                    .param("now", Timestamp.from(now))
                    // The retry is not due yet, so this context's delivery worker leaves it pending.
                    .param("retry", Timestamp.from(now.plusSeconds(3600)))
                    .update();
        }

        var page = console().get("/platform/webhooks");

        assertThat(page.status()).isEqualTo(200);
        String failing = page.body()
                .substring(page.body().indexOf("Failing endpoints"), page.body().indexOf("Healthy endpoints"));
        assertThat(failing).contains(url, org.organization().name(), "HTTP 503", "Service Unavailable");
        assertThat(failing).doesNotContain("whsec_test");
        Matcher counts = Pattern.compile(
                        Pattern.quote(url) + ".*?data-label=\"Failed\" class=\"num\">(\\d+)<.*?"
                                + "data-label=\"Retrying\" class=\"num\">(\\d+)<.*?data-label=\"Delivered\" class=\"num\">(\\d+)<",
                        Pattern.DOTALL)
                .matcher(failing);
        assertThat(counts.find()).isTrue();
        assertThat(counts.group(1)).isEqualTo("2");
        assertThat(counts.group(2)).isEqualTo("1");
        assertThat(counts.group(3)).isEqualTo("1");
    }
}
