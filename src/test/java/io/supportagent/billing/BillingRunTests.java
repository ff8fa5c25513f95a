package io.supportagent.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.OperatorToken;
import io.supportagent.platform.TenantContext;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.MeteringIntegrationTest;
import io.supportagent.support.Pages;
import io.supportagent.support.Storefront;
import io.supportagent.support.TestClock;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.time.Instant;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** Closing months over HTTP and the command line; each test closes a month of its own. */
@MeteringIntegrationTest
class BillingRunTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Storefront storefront;

    @Autowired
    io.supportagent.agents.AgentService agents;

    @Autowired
    TestClock clock;

    @Autowired
    TenancyService tenancy;

    @Autowired
    OperatorToken operatorToken;

    @Autowired
    BillingRunCommand command;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    Http operator() {
        return Http.on(port).bearer(operatorToken.reveal());
    }

    /** A basic organization with {@code conversations} counted in {@code month} (mid-month). */
    Fixtures.Org basicWithUsage(String month, int included, int conversations) {
        var org = fixtures.organization(Tier.BASIC);
        tenancy.changeCustomPricing(org.organization().id(), "{\"included_conversations\": " + included + "}");
        var shop = storefront.open(org);
        clock.moveTo(Instant.parse(month + "-10T12:00:00Z"));
        for (int i = 0; i < conversations; i++) {
            storefront.start(shop, org.live());
        }
        return org;
    }

    /** The one store (a basic tier allows one) that {@link #basicWithUsage} opened for the organization. */
    Storefront.Shop shopOf(Fixtures.Org org) {
        return TenantContext.callAs(org.live(), () -> {
            var store = tenancy.stores(1, null).getFirst();
            var instance = agents.instancesOfStore(store.id()).getFirst();
            return new Storefront.Shop(org, store.id(), instance.id());
        });
    }

    static JsonNode invoiceOf(Http.Response list, String period) {
        return StreamSupport.stream(list.json().get("data").spliterator(), false)
                .filter(i -> i.get("period").asText().equals(period))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void finalizesEveryOrganizationsInvoiceOnceAndAgainAnswersTheSame() {
        var org = basicWithUsage("2027-01", 5, 7);
        clock.moveTo(Instant.parse("2027-02-02T08:00:00Z"));

        var first = operator().post("/platform/v1/billing-runs", Map.of("period", "2027-01"));
        var invoice =
                Http.on(port).bearer(org.liveKey()).get("/v1/invoices/2027-01").json();
        var second = operator().post("/platform/v1/billing-runs", Map.of("period", "2027-01"));
        var again =
                Http.on(port).bearer(org.liveKey()).get("/v1/invoices/2027-01").json();

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("invoices_created").asInt()).isPositive();
        assertThat(second.json().get("invoices_created").asInt()).isZero();
        assertThat(second.json().get("invoices_existing").asInt())
                .isEqualTo(first.json().get("invoices_created").asInt()
                        + first.json().get("invoices_existing").asInt());
        assertThat(invoice.get("status").asText()).isEqualTo("finalized");
        assertThat(invoice.get("conversations").asInt()).isEqualTo(7);
        assertThat(invoice.get("included_conversations").asInt()).isEqualTo(5);
        assertThat(invoice.get("overage_conversations").asInt()).isEqualTo(2);
        assertThat(invoice.get("total_cents").asLong()).isEqualTo(4_900 + 20);
        assertThat(invoice.get("lines")).hasSize(2);
        assertThat(invoice.get("lines").get(1).get("unit_price").asText()).isEqualTo("0.10");
        assertThat(again).isEqualTo(invoice);
    }

    @Test
    void neverChangesAFinalizedInvoice() {
        var org = basicWithUsage("2027-03", 5, 6);
        clock.moveTo(Instant.parse("2027-04-02T08:00:00Z"));
        operator().post("/platform/v1/billing-runs", Map.of("period", "2027-03"));
        var before =
                Http.on(port).bearer(org.liveKey()).get("/v1/invoices/2027-03").json();

        // a late count into the closed month and a tier change leave the invoice as it was
        clock.moveTo(Instant.parse("2027-03-31T23:00:00Z"));
        storefront.start(shopOf(org), org.live());
        tenancy.changeTier(org.organization().id(), Tier.PRO, Instant.parse("2027-03-20T00:00:00Z"));
        clock.moveTo(Instant.parse("2027-04-03T08:00:00Z"));
        operator().post("/platform/v1/billing-runs", Map.of("period", "2027-03"));

        assertThat(Http.on(port)
                        .bearer(org.liveKey())
                        .get("/v1/invoices/2027-03")
                        .json())
                .isEqualTo(before);
    }

    @Test
    void proratesATierChangeInTheMiddleOfTheMonth() {
        var org = fixtures.organization(Tier.BASIC);
        tenancy.changeTier(org.organization().id(), Tier.PRO, Instant.parse("2027-05-15T09:30:00Z"));
        clock.moveTo(Instant.parse("2027-06-01T01:00:00Z"));

        operator().post("/platform/v1/billing-runs", Map.of("period", "2027-05"));
        var invoice =
                Http.on(port).bearer(org.liveKey()).get("/v1/invoices/2027-05").json();

        // May has 31 days: basic May 1–14, pro May 15–31
        assertThat(invoice.get("tier").asText()).isEqualTo("pro");
        assertThat(invoice.get("lines")).hasSize(2);
        assertThat(invoice.get("lines").get(0).get("description").asText())
                .isEqualTo("Basic plan, May 1–14, 14 of 31 days");
        assertThat(invoice.get("lines").get(0).get("quantity").asInt()).isEqualTo(1);
        assertThat(invoice.get("lines").get(0).get("unit_price").asText()).isEqualTo("22.13");
        assertThat(invoice.get("lines").get(0).get("amount_cents").asLong()).isEqualTo(2_213);
        assertThat(invoice.get("lines").get(1).get("description").asText())
                .isEqualTo("Pro plan, May 15–31, 17 of 31 days");
        assertThat(invoice.get("lines").get(1).get("quantity").asInt()).isEqualTo(1);
        assertThat(invoice.get("lines").get(1).get("unit_price").asText()).isEqualTo("109.13");
        assertThat(invoice.get("lines").get(1).get("amount_cents").asLong()).isEqualTo(10_913);
        assertThat(invoice.get("included_conversations").asInt()).isEqualTo(5_935);
        assertThat(invoice.get("total_cents").asLong()).isEqualTo(13_126);
    }

    @Test
    void refusesAPeriodThatHasNotEndedAndOneThatIsNoMonth() {
        clock.moveTo(Instant.parse("2027-07-31T23:59:00Z"));

        var running = operator().post("/platform/v1/billing-runs", Map.of("period", "2027-07"));
        var future = operator().post("/platform/v1/billing-runs", Map.of("period", "2027-09"));
        var junk = operator().post("/platform/v1/billing-runs", Map.of("period", "July"));
        var missing = operator().post("/platform/v1/billing-runs", Map.of());

        for (var response : new Http.Response[] {running, future}) {
            // A well-formed month that has not ended: a valid request the moment refuses.
            assertThat(response.status()).isEqualTo(409);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("code").asText()).isEqualTo("period_not_ended");
        }
        for (var response : new Http.Response[] {junk, missing}) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("code").asText()).isEqualTo("validation_failed");
        }
        assertThat(Http.on(port)
                        .post("/platform/v1/billing-runs", Map.of("period", "2027-06"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void answersAnInvoiceAsCsvWhenAsked() {
        var org = basicWithUsage("2027-08", 1, 3);
        clock.moveTo(Instant.parse("2027-09-01T12:00:00Z"));
        operator().post("/platform/v1/billing-runs", Map.of("period", "2027-08"));

        var csv =
                Http.on(port).bearer(org.liveKey()).header("Accept", "text/csv").get("/v1/invoices/2027-08");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0])
                .isEqualTo(
                        "invoice_id,organization_id,period,position,kind,description,quantity,unit_price,amount_cents,currency,invoice_number");
        String number = Http.on(port)
                .bearer(org.liveKey())
                .get("/v1/invoices/2027-08")
                .json()
                .get("number")
                .asText();
        assertThat(number).matches("[0-9A-F]{8}-[0-9]{4}");
        assertThat(rows[1]).contains(",1,base_fee,\"Basic plan, Aug 1–31\",1,49.00,4900,usd," + number);
        assertThat(rows[2]).contains(",2,overage,Conversations beyond the 1 included (3 used),2,0.10,20,usd," + number);
        assertThat(rows[3]).endsWith(",total,Total,,,4920,usd," + number);
        assertThat(rows).hasSize(4);
    }

    @Test
    void oneOrganizationSeesOnlyItsOwnInvoices() {
        var a = basicWithUsage("2027-10", 1, 2);
        var b = fixtures.organization(Tier.PRO);
        clock.moveTo(Instant.parse("2027-11-02T00:00:00Z"));
        operator().post("/platform/v1/billing-runs", Map.of("period", "2027-10"));
        String aInvoice = Http.on(port)
                .bearer(a.liveKey())
                .get("/v1/invoices/2027-10")
                .json()
                .get("id")
                .asText();

        var bList = Http.on(port).bearer(b.liveKey()).get("/v1/invoices");
        var bOctober =
                Http.on(port).bearer(b.liveKey()).get("/v1/invoices/2027-10").json();

        assertThat(bList.json().get("data").findValuesAsString("id")).doesNotContain(aInvoice);
        assertThat(bOctober.get("organization_id").asText())
                .isEqualTo(b.organization().id().toString());
        assertThat(bOctober.get("id").asText()).isNotEqualTo(aInvoice);
        assertThat(Http.on(port)
                        .bearer(b.liveKey())
                        .get("/v1/invoices/" + aInvoice)
                        .status())
                .isEqualTo(404);
        assertThat(Http.on(port).bearer(b.liveKey()).get("/v1/invoices/2020-01").status())
                .isEqualTo(404);
        // test keys see no invoices at all: test usage is never billed
        assertThat(Http.on(port).bearer(a.testKey()).get("/v1/invoices").json().get("data"))
                .isEmpty();
        assertThat(Http.on(port).bearer(a.testKey()).get("/v1/invoices/2027-10").status())
                .isEqualTo(404);
        // the operator sees both
        var all = Pages.walk(operator(), "/platform/v1/invoices?period=2027-10", 100, "id");
        assertThat(Pages.values(all, "organization_id"))
                .contains(
                        a.organization().id().toString(), b.organization().id().toString());
    }

    @Test
    void previewsTheRunningMonthWithoutStoringIt() {
        var org = basicWithUsage("2027-12", 2, 3);

        var upcoming =
                Http.on(port).bearer(org.liveKey()).get("/v1/invoices/upcoming").json();

        assertThat(upcoming.get("status").asText()).isEqualTo("upcoming");
        assertThat(upcoming.has("id")).isFalse();
        assertThat(upcoming.get("period").asText()).isEqualTo("2027-12");
        assertThat(upcoming.get("total_cents").asLong()).isEqualTo(4_900 + 10);
        assertThat(Http.on(port)
                        .bearer(org.liveKey())
                        .get("/v1/invoices")
                        .json()
                        .get("data"))
                .isEmpty();
    }

    @Test
    void runsFromTheCommandLine() {
        var org = basicWithUsage("2028-01", 10, 1);
        clock.moveTo(Instant.parse("2028-02-01T06:00:00Z"));

        int status = new CommandLine(command).execute("--period", "2028-01");
        int refused = new CommandLine(command).execute("--period", "2028-02");

        assertThat(status).isZero();
        assertThat(refused).isEqualTo(2);
        assertThat(Http.on(port)
                        .bearer(org.liveKey())
                        .get("/v1/invoices/2028-01")
                        .json()
                        .get("total_cents")
                        .asLong())
                .isEqualTo(4_900);
    }
}
