package io.supportagent.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.supportagent.support.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The request pool's queue, on a real pool of one connection to the real PostgreSQL. */
class FairConnectionQueueTests {

    @Test
    void aRequestArrivingAsTheConnectionIsFreedQueuesBehindThoseAlreadyWaiting() throws Exception {
        try (FairConnectionQueue queue = new FairConnectionQueue(pool(TestDatabase.ADMIN_URL, 10_000))) {
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            Connection held = queue.getConnection();
            List<Thread> waiters = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                int n = i;
                waiters.add(Thread.ofVirtual().start(() -> {
                    try (Connection connection = queue.getConnection()) {
                        order.add(n);
                    } catch (SQLException e) {
                        order.add(-n);
                    }
                }));
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> queue.waiting() == n);
            }

            // The freed connection is there for the taking, but four requests have waited longer than this one.
            held.close();
            try (Connection again = queue.getConnection()) {
                order.add(0);
            }
            for (Thread waiter : waiters) {
                waiter.join();
            }

            assertThat(order).containsExactly(1, 2, 3, 4, 0);
            assertThat(queue.waiting()).isZero();
        }
    }

    @Test
    void aConnectionClosedTwiceGivesItsPlaceBackOnceAndTheWaitIsBounded() throws SQLException {
        try (FairConnectionQueue queue = new FairConnectionQueue(pool(TestDatabase.ADMIN_URL, 250))) {
            Connection first = queue.getConnection();
            first.close();
            first.close();

            try (Connection second = queue.getConnection()) {
                assertThat(second.isValid(1)).isTrue();
                // Had the double close released two places, this would get one at once instead of waiting.
                assertThatThrownBy(queue::getConnection)
                        .isInstanceOf(SQLTransientConnectionException.class)
                        .hasMessageContaining("request timed out after 250ms");
            }
        }
    }

    @Test
    void aFailedConnectionAttemptGivesItsPlaceBack() {
        try (FairConnectionQueue queue =
                new FairConnectionQueue(pool("jdbc:postgresql://127.0.0.1:1/nowhere?user=postgres", 250))) {
            for (int attempt = 0; attempt < 3; attempt++) {
                // Each attempt reaches the pool (whose error carries the driver's cause); a place that was not given
                // back would make the second attempt time out in the queue instead, without a cause.
                assertThatThrownBy(queue::getConnection)
                        .isInstanceOf(SQLTransientConnectionException.class)
                        .hasCauseInstanceOf(SQLException.class);
            }
            assertThat(queue.waiting()).isZero();
        }
    }

    /** A pool of one connection that makes a request wait at most {@code timeoutMillis}. */
    private static HikariDataSource pool(String url, long timeoutMillis) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(timeoutMillis);
        config.setInitializationFailTimeout(-1);
        config.setPoolName("request");
        return new HikariDataSource(config);
    }
}
