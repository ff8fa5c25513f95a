package io.supportagent.platform.db;

import static io.supportagent.platform.db.DatabaseOutageTests.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.supportagent.support.ApiFixtures;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.TestDatabase;
import io.supportagent.tenancy.Tier;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A slow database: a statement past the request pool's statement timeout, or a lock held elsewhere past its lock
 * timeout, answers 503 and gives its connection back; both timeouts travel with each transaction's tenant statement,
 * a transaction may declare a longer one, and the platform pool has its own longer bound.
 */
@IntegrationTest
@Import({Fixtures.class, ApiFixtures.class})
// A context of its own, closed after the class: the shared database server has only so many connections.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(
        properties = {
            "support-agent.database.statement-timeout=1500ms",
            "support-agent.database.lock-timeout=500ms",
            "support-agent.database.platform-statement-timeout=10s"
        })
class SlowDatabaseTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiFixtures api;

    @Autowired
    FairConnectionQueue requestPool;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformJdbc platform;

    @Test
    void aRowLockedElsewhereAnswers503AfterTheLockTimeoutAndFreesTheConnection() throws Exception {
        var org = fixtures.organization(Tier.ENTERPRISE);
        var store = api.deploy(org).store();
        Http http = Http.on(port).bearer(org.liveKey());
        String path = "/v1/stores/" + store.id();

        try (Connection other = DriverManager.getConnection(TestDatabase.url())) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT 1 FROM stores WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, store.id().value());
                lock.executeQuery();
            }

            var refused = assertUnavailable(() -> http.patch(path, Map.of("name", "Renamed")));
            assertThat(refused.json().get("code").asString()).isEqualTo("service_unavailable");
            assertNoConnectionHeld();

            other.rollback();
        }
        assertThat(http.patch(path, Map.of("name", "Renamed")).status()).isEqualTo(200);
    }

    @Test
    void aStatementRunningPastTheStatementTimeoutIsCancelledAnswers503AndFreesTheConnection() throws Exception {
        var org = fixtures.organization(Tier.ENTERPRISE);
        var store = api.deploy(org).store();
        Http http = Http.on(port).bearer(org.liveKey());
        String path = "/v1/stores/" + store.id();
        // An update that takes 5 s: a trigger that sleeps for one store name only.
        try (Connection owner = DriverManager.getConnection(TestDatabase.url());
                Statement s = owner.createStatement()) {
            s.execute("""
                    CREATE FUNCTION slow_store_update() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN PERFORM pg_sleep(5); RETURN NEW; END $$""");
            s.execute("""
                    CREATE TRIGGER slow_store_update BEFORE UPDATE ON stores
                    FOR EACH ROW WHEN (NEW.name = 'Slow') EXECUTE FUNCTION slow_store_update()""");
            try {
                assertUnavailable(() -> http.patch(path, Map.of("name", "Slow")));
                assertNoConnectionHeld();
                assertThat(http.patch(path, Map.of("name", "Quick")).status()).isEqualTo(200);
            } finally {
                s.execute("DROP TRIGGER slow_store_update ON stores");
                s.execute("DROP FUNCTION slow_store_update()");
            }
        }
    }

    @Test
    void everyTransactionCarriesTheTimeoutsAndOneThatDeclaresALongerStatementTimeoutGetsIt() {
        TransactionTemplate ordinary = new TransactionTemplate(transactions);
        List<String> ordinarySettings = ordinary.execute(status -> settings());
        assertThat(ordinarySettings).containsExactly("1500ms", "500ms");
        assertThatThrownBy(() -> ordinary.executeWithoutResult(
                        status -> jdbc.sql("SELECT pg_sleep(2)").query().singleRow()))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(DatabaseFailures.unavailable(e)).isTrue());

        TransactionTemplate report = new TransactionTemplate(transactions);
        report.setTimeout(4);
        List<String> reportSettings = report.execute(status -> {
            jdbc.sql("SELECT pg_sleep(2)").query().singleRow();
            return settings();
        });
        assertThat(reportSettings).containsExactly("4s", "500ms");
        assertNoConnectionHeld();
    }

    @Test
    void statementsOutsideATransactionAreBoundedAndThePlatformPoolHasItsOwnLongerBound() {
        assertThat(settings()).containsExactly("1500ms", "500ms");
        assertThat(platform.jdbc()
                        .sql("SELECT current_setting('statement_timeout')")
                        .query(String.class)
                        .single())
                .isEqualTo("10s");
    }

    private List<String> settings() {
        return jdbc.sql("SELECT current_setting('statement_timeout'), current_setting('lock_timeout')")
                .query((rs, row) -> List.of(rs.getString(1), rs.getString(2)))
                .single();
    }

    private void assertNoConnectionHeld() {
        HikariDataSource pool = (HikariDataSource) requestPool.getTargetDataSource();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(pool.getHikariPoolMXBean().getActiveConnections())
                        .isZero());
    }
}
