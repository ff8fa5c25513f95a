package io.supportagent.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.OperatorToken;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.MeteringIntegrationTest;
import io.supportagent.support.Pages;
import io.supportagent.support.TestClock;
import io.supportagent.tenancy.Tier;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The invoice lists page with a cursor: {@code GET /v1/invoices} (newest period first, the cursor an invoice id) and
 * the operator's {@code GET /platform/v1/invoices} (one period, by organization id). Each test closes months of its
 * own.
 */
@MeteringIntegrationTest
class InvoiceListTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @Autowired
    OperatorToken operatorToken;

    @Autowired
    PlatformJdbc platform;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    Http operator() {
        return Http.on(port).bearer(operatorToken.reveal());
    }

    /** Closes each month, one after the other, once it has ended. */
    void close(String... months) {
        for (String month : months) {
            clock.moveTo(YearMonth.parse(month)
                    .plusMonths(1)
                    .atDay(2)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant());
            var run = operator().post("/platform/v1/billing-runs", Map.of("period", month));
            assertThat(run.status()).as(run.toString()).isEqualTo(200);
        }
    }

    String invoiceId(Fixtures.Org org, String period) {
        var invoice = Http.on(port).bearer(org.liveKey()).get("/v1/invoices/" + period);
        assertThat(invoice.status()).as(invoice.toString()).isEqualTo(200);
        return invoice.json().get("id").asString();
    }

    @Test
    void walksTheInvoicesNewestFirstPageByPage() {
        var org = fixtures.organization(Tier.BASIC);
        close("2029-01", "2029-02", "2029-03");
        List<String> newestFirst =
                List.of(invoiceId(org, "2029-03"), invoiceId(org, "2029-02"), invoiceId(org, "2029-01"));
        Http api = Http.on(port).bearer(org.liveKey());

        for (int limit : new int[] {1, 2, 3, 100}) {
            List<JsonNode> walked = Pages.walk(api, "/v1/invoices", limit, "id");
            assertThat(Pages.values(walked, "id")).as("limit " + limit).containsExactlyElementsOf(newestFirst);
            assertThat(Pages.values(walked, "period"))
                    .as("limit " + limit)
                    .containsExactly("2029-03", "2029-02", "2029-01");
        }
        var first = api.get("/v1/invoices?limit=2").json();
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(first.get("url").asString()).isEqualTo("/v1/invoices");
        // the answer keeps every field it had: each invoice with its lines
        assertThat(first.get("data").get(0).get("lines")).isNotEmpty();
        assertThat(first.get("data").get(0).get("object").asString()).isEqualTo("invoice");
        var last = api.get("/v1/invoices?limit=2&starting_after=" + newestFirst.get(1))
                .json();
        assertThat(last.get("data")).hasSize(1);
        assertThat(last.get("data").get(0).get("id").asString()).isEqualTo(newestFirst.get(2));
        assertThat(last.get("has_more").asBoolean()).isFalse();
        // without a limit, the default page of 20 holds all three
        var all = api.get("/v1/invoices").json();
        assertThat(all.get("data")).hasSize(3);
        assertThat(all.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void refusesALimitOutOfRangeAndACursorThatIsNoId() {
        var org = fixtures.organization(Tier.BASIC);
        Http api = Http.on(port).bearer(org.liveKey());

        for (String limit : List.of("0", "101", "-1", "lots")) {
            assertRejected(api.get("/v1/invoices?limit=" + limit), "limit");
            assertRejected(operator().get("/platform/v1/invoices?period=2029-01&limit=" + limit), "limit");
        }
        assertRejected(operator().get("/platform/v1/invoices?period=2029-01&limit=1000"), "limit");
        assertRejected(api.get("/v1/invoices?starting_after=2029-01"), "starting_after");
        assertRejected(operator().get("/platform/v1/invoices?period=2029-01&starting_after=nope"), "starting_after");
        // test keys have no invoices, yet their bad parameters are refused all the same
        assertRejected(Http.on(port).bearer(org.testKey()).get("/v1/invoices?limit=101"), "limit");
    }

    @Test
    void anotherOrganizationsInvoicesNeitherShowNorServeAsACursor() {
        var a = fixtures.organization(Tier.BASIC);
        var b = fixtures.organization(Tier.PRO);
        close("2029-04", "2029-05", "2029-06");
        List<String> aInvoices = List.of(invoiceId(a, "2029-06"), invoiceId(a, "2029-05"), invoiceId(a, "2029-04"));
        String bNewest = invoiceId(b, "2029-06");
        String bOldest = invoiceId(b, "2029-04");
        Http asA = Http.on(port).bearer(a.liveKey());

        List<JsonNode> walked = Pages.walk(asA, "/v1/invoices", 1, "id");
        assertThat(Pages.values(walked, "id")).containsExactlyElementsOf(aInvoices);
        assertThat(Pages.values(walked, "organization_id"))
                .containsOnly(a.organization().id().toString());
        // B's invoice as a cursor is an unknown one to A: an empty page, nothing to infer from
        for (String foreign : List.of(bNewest, bOldest, UUID.randomUUID().toString())) {
            var page = asA.get("/v1/invoices?limit=1&starting_after=" + foreign);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().get("data")).isEmpty();
            assertThat(page.json().get("has_more").asBoolean()).isFalse();
        }
        // nor does A's test key see A's live invoices, with or without a cursor
        Http asATest = Http.on(port).bearer(a.testKey());
        assertThat(asATest.get("/v1/invoices?limit=1").json().get("data")).isEmpty();
        assertThat(asATest.get("/v1/invoices?starting_after=" + aInvoices.get(0))
                        .json()
                        .get("data"))
                .isEmpty();
    }

    @Test
    void walksTheOperatorsListOfAPeriodByOrganization() {
        var a = fixtures.organization(Tier.BASIC);
        var b = fixtures.organization(Tier.ENTERPRISE);
        close("2029-07");
        int issued = platform.jdbc()
                .sql("SELECT count(*) FROM invoices WHERE period = '2029-07'")
                .query(Integer.class)
                .single();

        List<JsonNode> walked = Pages.walk(operator(), "/platform/v1/invoices?period=2029-07", 2, "id");

        List<String> organizations = Pages.values(walked, "organization_id");
        assertThat(walked).hasSize(issued);
        assertThat(organizations)
                .contains(
                        a.organization().id().toString(), b.organization().id().toString())
                .doesNotHaveDuplicates()
                .isSorted(); // as PostgreSQL orders uuids: bytewise, like their lower-case text
        assertThat(Pages.values(walked, "period")).containsOnly("2029-07");
        assertThat(Pages.values(Pages.walk(operator(), "/platform/v1/invoices?period=2029-07", 100, "id"), "id"))
                .containsExactlyElementsOf(Pages.values(walked, "id"));

        // the page after an invoice, named by its id or (as documented before) by its organization's id
        var byInvoice = operator()
                .get("/platform/v1/invoices?period=2029-07&limit=1&starting_after="
                        + walked.get(0).get("id").asString())
                .json();
        var byOrganization = operator()
                .get("/platform/v1/invoices?period=2029-07&limit=1&starting_after=" + organizations.get(0))
                .json();
        assertThat(byInvoice.get("data")).hasSize(1);
        assertThat(byInvoice.get("data").get(0).get("organization_id").asString())
                .isEqualTo(organizations.get(1));
        assertThat(byOrganization).isEqualTo(byInvoice);
        var unknown = operator()
                .get("/platform/v1/invoices?period=2029-07&starting_after=" + UUID.randomUUID())
                .json();
        assertThat(unknown.get("data")).isEmpty();
        assertThat(unknown.get("has_more").asBoolean()).isFalse();
        // without a limit, a page of 20
        var first = operator().get("/platform/v1/invoices?period=2029-07").json();
        assertThat(first.get("data")).hasSize(Math.min(20, issued));
        assertThat(first.get("has_more").asBoolean()).isEqualTo(issued > 20);
    }

    static void assertRejected(Http.Response response, String parameter) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(response.json().get("errors").has(parameter))
                .as(response.toString())
                .isTrue();
    }
}
