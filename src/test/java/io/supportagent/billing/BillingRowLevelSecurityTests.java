package io.supportagent.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.OperatorToken;
import io.supportagent.platform.TenantContext;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.MeteringIntegrationTest;
import io.supportagent.support.Storefront;
import io.supportagent.support.TestClock;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import io.supportagent.webhooks.WebhookService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The new tenant tables at the SQL level, as the request role: a query without WHERE sees only the tenant's rows. */
@MeteringIntegrationTest
class BillingRowLevelSecurityTests {

    static final List<String> TABLES = List.of(
            "organization_tier_changes",
            "usage_alerts",
            "webhook_endpoints",
            "webhook_deliveries",
            "invoices",
            "invoice_lines",
            "conversation_usage",
            "usage_events");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Storefront storefront;

    @Autowired
    TestClock clock;

    @Autowired
    TenancyService tenancy;

    @Autowired
    WebhookService webhooks;

    @Autowired
    OperatorToken operatorToken;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    Fixtures.Org organizationWithRowsEverywhere() {
        var org = fixtures.organization(Tier.BASIC);
        tenancy.changeCustomPricing(org.organization().id(), "{\"included_conversations\": 1}");
        tenancy.changeTier(org.organization().id(), Tier.PRO, Instant.parse("2028-03-05T00:00:00Z"));
        TenantContext.runAs(org.live(), () -> webhooks.create("http://127.0.0.1:9/never", null));
        clock.moveTo(Instant.parse("2028-03-10T00:00:00Z"));
        storefront.start(storefront.open(org), org.live());
        return org;
    }

    List<UUID> organizationsVisible(Fixtures.Org as, String table) {
        return TenantContext.callAs(
                as.live(),
                () -> new TransactionTemplate(transactions)
                        .execute(status -> jdbc.sql("SELECT DISTINCT organization_id FROM " + table)
                                .query(UUID.class)
                                .list()));
    }

    @Test
    void aTenantSeesOnlyItsOwnRowsAndNoTenantSeesNone() {
        var a = organizationWithRowsEverywhere();
        var b = organizationWithRowsEverywhere();
        clock.moveTo(Instant.parse("2028-04-02T00:00:00Z"));
        Http.on(port).bearer(operatorToken.reveal()).post("/platform/v1/billing-runs", Map.of("period", "2028-03"));

        for (String table : TABLES) {
            assertThat(organizationsVisible(a, table))
                    .as(table)
                    .containsExactly(a.organization().id().value());
            assertThat(organizationsVisible(b, table))
                    .as(table)
                    .containsExactly(b.organization().id().value());
            Integer none = new TransactionTemplate(transactions)
                    .execute(status -> jdbc.sql("SELECT count(*) FROM " + table)
                            .query(Integer.class)
                            .single());
            assertThat(none).as(table).isZero();
        }
    }
}
