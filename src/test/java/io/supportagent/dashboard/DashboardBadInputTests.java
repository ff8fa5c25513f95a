package io.supportagent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.agents.AgentService;
import io.supportagent.conversations.ConversationService;
import io.supportagent.knowledge.KnowledgeService;
import io.supportagent.knowledge.NewArticle;
import io.supportagent.members.OperatorStaffService;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.TenantContext;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.MemberFixtures;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import io.supportagent.webhooks.WebhookService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The pages' side of the bad-input sweep the API gets from its OpenAPI document: every form of the dashboard, the
 * inbox and the operator console, and every page's query parameters, sent by a signed-in person entitled to them
 * with one field at a time replaced by something odd (empty, NUL, a lone surrogate, 20,000 characters, numbers out of
 * range, impossible dates, markup, foreign or malformed ids) and with bodies no browser would send (invalid UTF-8,
 * broken percent-escapes). A person may be told their input is wrong; never a 500. Ids in paths, malformed or
 * unknown, answer 4xx too.
 */
@DashboardTest
class DashboardBadInputTests {

    private static final List<String> ODD = List.of(
            "",
            "   ",
            "\u0000",
            "a\u0000b",
            "\uD83D",
            "🙂🙂",
            "x".repeat(20_000),
            "-1",
            "99999999999999999999999999",
            "1e309",
            "NaN",
            "2026-13-45",
            "+300000000-01-01T00:00:00Z",
            "../../etc/passwd",
            "<script>alert(1)</script>",
            "not-a-uuid",
            "00000000-0000-0000-0000-000000000000",
            "{\"a\":[[[[[[[[[[]]]]]]]]]]}");

    /** Raw bodies: the field's value as bytes, some of them not UTF-8 at all. */
    private static final List<String> RAW_VALUES = List.of("%ED%A0%80", "%C3%28", "%FF%FE", "%", "%zz", "%00");

    /** The same in a query string, where Java's client refuses to send a broken escape at all. */
    private static final List<String> RAW_QUERY = List.of("%ED%A0%80", "%C3%28", "%FF%FE", "%00");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    TenancyService tenancy;

    @Autowired
    AgentService agents;

    @Autowired
    KnowledgeService knowledge;

    @Autowired
    ConversationService conversations;

    @Autowired
    WebhookService webhooks;

    @Autowired
    OperatorStaffService staff;

    record Shop(String base, String store, String instance, String article, String conversation, String endpoint) {}

    private Shop shop(Fixtures.Org org) {
        return TenantContext.callAs(org.live(), () -> {
            var store = tenancy.createStore("Odd shop", "odd.example", List.of("https://odd.example"));
            var instance = agents.deploy(store.id(), agents.customerServiceV1().id(), "Odd guide", "{}");
            var article = knowledge
                    .addArticles(
                            store.id(),
                            List.of(new NewArticle("Shipping times", "Orders ship within 2 business days.", null)))
                    .getFirst();
            var conversation = conversations.start(instance.id(), "Ada Shopper", "ada@shopper.example");
            conversations.addMessage(conversation.id(), "customer", "A person, please", null);
            conversations.transferToHuman(conversation.id(), "The shopper asked for a person");
            var endpoint = webhooks.create("https://hooks.example.com/odd", "Odd hook");
            return new Shop(
                    "/app/" + org.organization().id() + "/live",
                    store.id().toString(),
                    instance.id().toString(),
                    article.id().toString(),
                    conversation.id().toString(),
                    endpoint.id().toString());
        });
    }

    /** Every dashboard and inbox form with fields an owner could send successfully. */
    private static Map<String, Map<String, String>> forms(Shop s, String member) {
        Map<String, Map<String, String>> forms = new LinkedHashMap<>();
        forms.put("/api-keys", Map.of("name", "Odd key"));
        forms.put(
                "/stores",
                Map.of("name", "Odd store", "domain", "odd2.example", "allowed_origins", "https://o.example"));
        forms.put(
                "/stores/" + s.store(),
                Map.of("name", "Odd shop", "domain", "odd.example", "allowed_origins", "https://odd.example"));
        forms.put(
                "/agents",
                Map.of("store", s.store(), "definition", UUID.randomUUID().toString(), "name", "x"));
        forms.put("/agents/" + s.instance() + "/status", Map.of("status", "active"));
        forms.put(
                "/agents/" + s.instance() + "/version",
                Map.of("definition", UUID.randomUUID().toString()));
        forms.put(
                "/agents/" + s.instance() + "/settings",
                Map.of("greeting", "Hello", "primary_color", "#123456", "min_relevance", "0.5"));
        forms.put("/knowledge/" + s.store() + "/articles", Map.of("title", "Odd", "body", "Odd body.", "url", ""));
        forms.put(
                "/knowledge/" + s.store() + "/articles/" + s.article(),
                Map.of(
                        "title",
                        "Shipping times",
                        "body",
                        "Orders ship within 2 business days.",
                        "url",
                        "",
                        "ai_enabled",
                        "true"));
        forms.put("/knowledge/" + s.store() + "/articles/" + s.article() + "/delete", Map.of("confirm", "nope"));
        forms.put("/webhooks", Map.of("url", "https://hooks.example.com/odd2", "description", "d"));
        forms.put("/webhooks/" + s.endpoint() + "/enabled", Map.of("enabled", "true"));
        forms.put("/webhooks/" + s.endpoint() + "/delete", Map.of("confirm", "nope"));
        forms.put("/team/invitations", Map.of("email", "odd-" + UUID.randomUUID() + "@example.com", "role", "agent"));
        forms.put("/team/members/" + member + "/role", Map.of("role", "agent"));
        forms.put("/team/members/" + member + "/remove", Map.of("confirm", "nope"));
        forms.put("/inbox/" + s.conversation() + "/assign", Map.of("assignee", member));
        forms.put("/inbox/" + s.conversation() + "/messages", Map.of("content", "Hello", "mode", "note"));
        return forms;
    }

    /** Pages with query parameters, and the parameters. */
    private static Map<String, List<String>> queries(Shop s) {
        Map<String, List<String>> pages = new LinkedHashMap<>();
        pages.put("/conversations", List.of("store", "agent", "status", "handoff", "from", "to", "starting_after"));
        pages.put("/audit", List.of("action", "resource_type", "actor_type", "actor", "from", "to", "starting_after"));
        pages.put("/audit.csv", List.of("action", "resource_type", "actor_type", "actor", "from", "to"));
        pages.put("/knowledge", List.of("store"));
        pages.put("/knowledge/" + s.store(), List.of("q", "starting_after"));
        pages.put("/knowledge/" + s.store() + "/orders", List.of("find"));
        pages.put("/usage", List.of("before"));
        pages.put("/invoices", List.of("starting_after"));
        return pages;
    }

    @Test
    void everyDashboardAndInboxFormAndQueryAnswersOddInputWithoutA500() {
        var org = fixtures.organization(Tier.PRO);
        Shop shop = shop(org);
        MemberFixtures.Person other = people.join(org.organization().id(), MemberRole.AGENT);
        DashboardSession owner =
                DashboardSession.signedIn(port, people.join(org.organization().id(), MemberRole.OWNER));
        owner.get(shop.base());
        List<String> failures = new ArrayList<>();

        for (var form : forms(shop, other.accountId().toString()).entrySet()) {
            sweepForm(owner, shop.base() + form.getKey(), form.getValue(), failures);
        }
        for (var page : queries(shop).entrySet()) {
            for (String parameter : page.getValue()) {
                for (String odd : ODD) {
                    check(
                            owner.get(shop.base() + page.getKey() + "?" + parameter + "=" + encode(odd)),
                            "GET " + page.getKey() + " " + parameter + "=" + abbreviate(odd),
                            failures);
                }
                for (String raw : RAW_QUERY) {
                    check(
                            owner.get(shop.base() + page.getKey() + "?" + parameter + "=" + raw),
                            "GET " + page.getKey() + " " + parameter + "=" + raw,
                            failures);
                }
            }
        }
        String importPath = shop.base() + "/knowledge/" + shop.store() + "/import";
        for (var file : Map.of(
                        "a.json", "[{\"title\":\"t\u0000\",\"body\":\"b\"}]",
                        "b.json", "[{\"title\":\"t\",\"body\":\"b\\u0000\"}]",
                        "c.json", "[".repeat(5_000) + "]".repeat(5_000),
                        "d.json", "{\"title\": 1e309, \"body\": [1,2]}",
                        "e.csv", "title,body\nt\u0000,b\n\"unclosed,b\n",
                        "f.md", "# Title\u0000\n\nBody\u0000",
                        "g.txt", "\uD83D")
                .entrySet()) {
            check(
                    owner.upload(importPath, file.getKey(), file.getValue().getBytes(StandardCharsets.UTF_8)),
                    "import " + file.getKey(),
                    failures);
        }
        check(
                owner.upload(importPath, "h.json", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '[', ']'}),
                "import of invalid UTF-8",
                failures);

        for (String id : List.of("not-a-uuid", UUID.randomUUID().toString(), "%00", "%ED%A0%80", "0")) {
            for (String path :
                    List.of("/stores/", "/agents/", "/conversations/", "/webhooks/", "/inbox/", "/invoices/")) {
                check(owner.get(shop.base() + path + id), "GET " + path + id, failures);
            }
            check(owner.post(shop.base() + "/inbox/" + id + "/claim", Map.of()), "claim " + id, failures);
            check(
                    owner.post(shop.base() + "/api-keys/" + id + "/roll", Map.of("overlap", "1h")),
                    "roll " + id,
                    failures);
        }

        assertThat(failures).as("answers of 500 or more").isEmpty();
        assertThat(owner.get(shop.base()).status())
                .as("the session still works")
                .isEqualTo(200);
    }

    @Test
    void everyConsoleFormAndThePublicFormsAnswerOddInputWithoutA500() {
        var org = fixtures.organization(Tier.PRO);
        String email = "odd-staff-" + UUID.randomUUID().toString().substring(0, 8) + "@platform.example";
        OperatorStaffService.Created created = staff.create(email, "Odd Staff");
        DashboardSession console = DashboardSession.signedIn(
                port, new MemberFixtures.Person(created.accountId(), email, created.password()));
        console.get("/platform/organizations");
        List<String> failures = new ArrayList<>();
        String o = "/platform/organizations/" + org.organization().id();

        Map<String, Map<String, String>> forms = new LinkedHashMap<>();
        forms.put(
                "/platform/organizations",
                Map.of(
                        "name",
                        "Odd org",
                        "tier",
                        "pro",
                        "owner_email",
                        "odd-owner-" + UUID.randomUUID() + "@example.com",
                        "usage_cap",
                        "",
                        "billing_timezone",
                        "UTC"));
        forms.put(
                o + "/settings", Map.of("name", "Odd org", "tier", "pro", "usage_cap", "", "billing_timezone", "UTC"));
        forms.put(
                o + "/pricing",
                Map.of(
                        "base_fee_cents",
                        "1000",
                        "included_conversations",
                        "100",
                        "overage_unit_price",
                        "0.05",
                        "rate_limit_per_second",
                        "10",
                        "rate_limit_burst",
                        "20"));
        forms.put(o + "/suspend", Map.of("confirm", "nope"));
        forms.put(
                "/platform/agent-definitions",
                Map.of(
                        "type",
                        "odd_type",
                        "version",
                        "0.0.1-" + UUID.randomUUID().toString().substring(0, 6),
                        "name",
                        "Odd",
                        "description",
                        "d",
                        "system_prompt",
                        "Be odd.",
                        "default_config",
                        "{}"));
        forms.put("/platform/billing/runs", Map.of("period", "2020-01"));
        for (var form : forms.entrySet()) {
            sweepForm(console, form.getKey(), form.getValue(), failures);
        }
        for (var page : Map.of(
                        "/platform/organizations", List.of("q", "starting_after"),
                        "/platform/billing", List.of("period", "starting_after"),
                        "/platform/webhooks", List.of("window"))
                .entrySet()) {
            for (String parameter : page.getValue()) {
                for (String odd : ODD) {
                    check(
                            console.get(page.getKey() + "?" + parameter + "=" + encode(odd)),
                            "GET " + page.getKey() + " " + parameter + "=" + abbreviate(odd),
                            failures);
                }
                for (String raw : RAW_QUERY) {
                    check(
                            console.get(page.getKey() + "?" + parameter + "=" + raw),
                            "GET " + page.getKey() + " " + parameter + "=" + raw,
                            failures);
                }
            }
        }

        // Nobody signed in: the invitation and password-reset forms take tokens and passwords from anyone.
        DashboardSession anonymous = DashboardSession.anonymous(port);
        anonymous.get("/login");
        sweepForm(
                anonymous,
                "/invitations/accept",
                Map.of(
                        "token",
                        "x",
                        "name",
                        "Odd",
                        "password",
                        "correct horse battery",
                        "password_confirmation",
                        "correct horse battery"),
                failures);
        sweepForm(
                anonymous,
                "/password-reset/confirm",
                Map.of(
                        "token",
                        "x",
                        "password",
                        "correct horse battery",
                        "password_confirmation",
                        "correct horse battery"),
                failures);
        for (String odd : ODD) {
            check(
                    anonymous.get("/invitations/accept?token=" + encode(odd)),
                    "invitation token " + abbreviate(odd),
                    failures);
        }

        assertThat(failures).as("answers of 500 or more").isEmpty();
        assertThat(console.get("/platform/organizations").status()).isEqualTo(200);
    }

    /** The form once per field and odd value (the other fields as given), and once per raw value. */
    private static void sweepForm(
            DashboardSession session, String path, Map<String, String> valid, List<String> failures) {
        check(session.post(path, Map.of()), "POST " + path + " with no field", failures);
        for (String field : valid.keySet()) {
            for (String odd : ODD) {
                Map<String, String> fields = new LinkedHashMap<>(valid);
                fields.put(field, odd);
                check(session.post(path, fields), "POST " + path + " " + field + "=" + abbreviate(odd), failures);
            }
            for (String raw : RAW_VALUES) {
                StringBuilder body = new StringBuilder();
                for (var entry : valid.entrySet()) {
                    if (!body.isEmpty()) {
                        body.append('&');
                    }
                    body.append(encode(entry.getKey()))
                            .append('=')
                            .append(entry.getKey().equals(field) ? raw : encode(entry.getValue()));
                }
                check(session.postEncoded(path, body.toString()), "POST " + path + " " + field + "=" + raw, failures);
            }
        }
    }

    private static void check(DashboardSession.Page answer, String what, List<String> failures) {
        if (answer.status() >= 500) {
            failures.add(what + " -> " + answer.status());
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String odd) {
        String shown = odd.length() > 30 ? odd.substring(0, 12) + "…(" + odd.length() + ")" : odd;
        return shown.replace("\u0000", "\\0");
    }
}
