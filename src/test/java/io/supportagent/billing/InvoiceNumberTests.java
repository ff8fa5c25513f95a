package io.supportagent.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.MemberRole;
import io.supportagent.platform.OperatorToken;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.MemberFixtures;
import io.supportagent.support.MeteringIntegrationTest;
import io.supportagent.support.TestClock;
import io.supportagent.tenancy.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Every finalized invoice has a human number, the organization's prefix and its invoices' sequence, given in the
 * order they were finalized, without gaps or repeats even when two billing runs finalize at once; it shows on the API's
 * invoice, the CSV, the dashboard's list and the printable invoice page.
 */
@MeteringIntegrationTest
class InvoiceNumberTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    TestClock clock;

    @Autowired
    OperatorToken operatorToken;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Http.Response run(String period) {
        return Http.on(port).bearer(operatorToken.reveal()).post("/platform/v1/billing-runs", Map.of("period", period));
    }

    private static String prefixOf(Fixtures.Org org) {
        return org.organization()
                .id()
                .toString()
                .replace("-", "")
                .substring(0, 8)
                .toUpperCase(Locale.ROOT);
    }

    private Map<String, String> numbersByPeriod(Fixtures.Org org) {
        JsonNode list = Http.on(port)
                .bearer(org.liveKey())
                .get("/v1/invoices?limit=100")
                .json();
        Map<String, String> numbers = new java.util.TreeMap<>();
        StreamSupport.stream(list.get("data").spliterator(), false)
                .forEach(i ->
                        numbers.put(i.get("period").asText(), i.get("number").asText()));
        return numbers;
    }

    @Test
    void numbersEachOrganizationsInvoicesInOrderWithoutGapsWhenTwoRunsFinalizeAtOnce() throws Exception {
        clock.reset();
        var a = fixtures.organization(Tier.PRO);
        var b = fixtures.organization(Tier.BASIC);
        clock.moveTo(Instant.parse("2031-04-02T08:00:00Z"));

        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Http.Response>> runs = List.of("2031-01", "2031-02").stream()
                .map(period -> CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return run(period);
                }))
                .toList();
        for (var r : runs) {
            assertThat(r.get().status()).as(r.get().toString()).isEqualTo(200);
        }
        assertThat(run("2031-03").status()).isEqualTo(200);
        assertThat(run("2031-03").json().get("invoices_created").asInt())
                .as("a run again numbers nothing")
                .isZero();

        for (var org : List.of(a, b)) {
            Map<String, String> numbers = numbersByPeriod(org);
            assertThat(numbers).containsOnlyKeys("2031-01", "2031-02", "2031-03");
            assertThat(numbers.values()).allSatisfy(n -> assertThat(n).startsWith(prefixOf(org) + "-"));
            assertThat(List.of(numbers.get("2031-01"), numbers.get("2031-02")))
                    .as("the two runs at once took one number each")
                    .containsExactlyInAnyOrder(prefixOf(org) + "-0001", prefixOf(org) + "-0002");
            assertThat(numbers.get("2031-03")).isEqualTo(prefixOf(org) + "-0003");
        }

        Http api = Http.on(port).bearer(a.liveKey());
        String number = numbersByPeriod(a).get("2031-03");
        assertThat(api.get("/v1/invoices/2031-03").json().get("number").asText())
                .isEqualTo(number);
        assertThat(api.get("/v1/invoices/upcoming").json().has("number"))
                .as("the upcoming invoice has no number yet")
                .isFalse();
        String csv =
                api.header("Accept", "text/csv").get("/v1/invoices/2031-03").body();
        assertThat(csv.split("\r\n")[0]).endsWith(",currency,invoice_number");
        assertThat(List.of(csv.split("\r\n")).subList(1, csv.split("\r\n").length))
                .hasSizeGreaterThan(1)
                .allSatisfy(row -> assertThat(row).endsWith(",usd," + number));

        DashboardSession owner =
                DashboardSession.signedIn(port, people.join(a.organization().id(), MemberRole.OWNER));
        String base = "/app/" + a.organization().id() + "/live/invoices";
        assertThat(owner.get(base).body()).contains(number).doesNotContain(prefixOf(b));
        var page = owner.get(base + "/2031-03");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("Invoice " + number)
                .contains("Support Agent Platform") // the seller
                .contains("Billed to")
                .contains(a.organization().name())
                .contains("Print / save as PDF")
                .contains("data-print");
    }
}
