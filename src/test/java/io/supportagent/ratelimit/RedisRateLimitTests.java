package io.supportagent.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.supportagent.SupportAgentApplication;
import io.supportagent.apikeys.ApiKeyService;
import io.supportagent.platform.KeyFormat;
import io.supportagent.support.Http;
import io.supportagent.support.TcpProxy;
import io.supportagent.support.TestDatabase;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Buckets in Redis (127.0.0.1:6379, a key prefix of this test's own): two application instances share one limit;
 * when Redis goes away the limiter fails open, logs it once, counts it, and returns to Redis when it is back.
 */
class RedisRateLimitTests {

    static final String REDIS = "redis://127.0.0.1:6379";
    static RedisClient redis;
    static StatefulRedisConnection<String, String> connection;

    @BeforeAll
    static void connect() {
        redis = RedisClient.create(REDIS);
        connection = redis.connect();
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        redis.shutdown();
    }

    static ConfigurableApplicationContext node(String redisUrl, String prefix, String... more) {
        // Command-line arguments: they outrank application.yml (builder properties would not).
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--support-agent.database.url=" + TestDatabase.url(),
                "--support-agent.demo.enabled=false",
                "--support-agent.api-keys.bcrypt-cost=4",
                "--support-agent.redis.url=" + redisUrl,
                "--support-agent.rate-limit.key-prefix=" + prefix,
                "--support-agent.rate-limit.redis-retry-interval=300ms",
                "--support-agent.rate-limit.enabled=true"));
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(SupportAgentApplication.class).run(arguments.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    static String basicOrganizationKey(ConfigurableApplicationContext context) {
        Organization org =
                context.getBean(TenancyService.class).createOrganization("Redis org " + UUID.randomUUID(), Tier.BASIC);
        return context.getBean(ApiKeyService.class)
                .issueAsOperator(org.id(), true, "live")
                .secret();
    }

    @Test
    void twoNodesShareOneLimit() throws Exception {
        String prefix = "test:" + UUID.randomUUID() + ":";
        // A generous Redis timeout: on a loaded test machine a slow round trip must not fall back to per-node buckets.
        String timeout = "--support-agent.rate-limit.redis-timeout=3s";
        try (var one = node(REDIS, prefix, timeout);
                var two = node(REDIS, prefix, timeout)) {
            String key = basicOrganizationKey(one);
            List<Http> nodes =
                    List.of(Http.on(port(one)).bearer(key), Http.on(port(two)).bearer(key));
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            long start = System.nanoTime();
            long end = start + Duration.ofSeconds(3).toNanos();
            try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
                List<Future<?>> workers = new ArrayList<>();
                for (int w = 0; w < 6; w++) {
                    Http http = nodes.get(w % 2);
                    workers.add(pool.submit(() -> {
                        while (System.nanoTime() < end) {
                            int status = http.get("/v1/organization").status();
                            (status == 429 ? refused : accepted).incrementAndGet();
                        }
                    }));
                }
                for (Future<?> f : workers) {
                    f.get();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // Basic: 10/s, burst 20, for the two nodes together (each alone would allow as much again).
            assertThat(accepted.get()).isLessThanOrEqualTo((int) Math.ceil(20 + 10 * seconds) + 2);
            assertThat(accepted.get()).isGreaterThanOrEqualTo(20);
            assertThat(refused.get()).isPositive();
            assertThat(connection.sync().keys(prefix + "*")).isNotEmpty();
            for (var node : List.of(one, two)) {
                assertThat(node.getBean(MeterRegistry.class)
                                .counter("ratelimit.redis.failures")
                                .count())
                        .isZero();
            }
        } finally {
            deleteKeys(prefix);
        }
    }

    @Test
    void failureBudgetsOfWrongKeysAreSharedByTheNodes() {
        String prefix = "test:" + UUID.randomUUID() + ":";
        // A generous Redis timeout: on a loaded test machine a slow round trip must not fall back to per-node buckets.
        // A window of an hour: the budget must not refill (greedily, one unit per window / 30) while node A spends it.
        String[] settings = {
            "--support-agent.api-keys.failure-delay=0",
            "--support-agent.api-keys.failed-attempts-window=1h",
            "--support-agent.rate-limit.redis-timeout=3s"
        };
        try (var a = node(REDIS, prefix, settings);
                var b = node(REDIS, prefix, settings)) {
            // Node A spends this address's whole budget (30 failures a window by default) on made-up keys.
            for (int i = 0; i < 30; i++) {
                assertThat(Http.on(port(a))
                                .bearer(KeyFormat.generate(KeyFormat.Type.LIVE_SECRET))
                                .get("/v1/organization")
                                .status())
                        .isEqualTo(401);
            }

            var onB = Http.on(port(b))
                    .bearer(KeyFormat.generate(KeyFormat.Type.LIVE_SECRET))
                    .get("/v1/organization");

            assertThat(onB.status()).isEqualTo(429);
            assertThat(onB.json().get("code").asString()).isEqualTo("too_many_failed_attempts");
            // The right key still works from that address, on either node.
            String key = basicOrganizationKey(b);
            assertThat(Http.on(port(b)).bearer(key).get("/v1/organization").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void failsOpenWhenRedisIsDownLogsOnceAndRecovers() throws Exception {
        String prefix = "test:" + UUID.randomUUID() + ":";
        Logger log = (Logger) LoggerFactory.getLogger(Buckets.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        try (TcpProxy proxy = new TcpProxy(6379);
                var node = node("redis://127.0.0.1:" + proxy.port(), prefix)) {
            // Attached after start-up: Boot re-initialises logging while it starts. The start-up outage was logged
            // then; from here on, its requests must log nothing more.
            log.addAppender(logged);
            MeterRegistry meters = node.getBean(MeterRegistry.class);
            String key = basicOrganizationKey(node);
            Http http = Http.on(port(node)).bearer(key);

            // Redis unreachable from the start: requests pass on in-process buckets, and the failure is counted.
            for (int i = 0; i < 5; i++) {
                assertThat(http.get("/v1/organization").status()).isEqualTo(200);
            }
            assertThat(meters.counter("ratelimit.redis.failures").count()).isPositive();
            assertThat(connection.sync().keys(prefix + "*")).isEmpty();

            // Redis comes back: the buckets move there.
            proxy.start();
            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        assertThat(http.get("/v1/organization").status()).isIn(200, 429);
                        assertThat(connection.sync().keys(prefix + "*")).isNotEmpty();
                    });

            // Redis goes away in the middle: still no errors, one more warning, more failures counted.
            double failuresBefore = meters.counter("ratelimit.redis.failures").count();
            proxy.stop();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(http.get("/v1/organization").status()).isIn(200, 429);
                assertThat(meters.counter("ratelimit.redis.failures").count()).isGreaterThan(failuresBefore);
            });
            for (int i = 0; i < 10; i++) {
                assertThat(http.get("/v1/organization").status()).isIn(200, 429);
            }
            long warnings =
                    logged.list.stream().filter(e -> e.getLevel() == Level.WARN).count();
            long recoveries = logged.list.stream()
                    .filter(e -> e.getLevel() == Level.INFO
                            && e.getFormattedMessage().contains("back"))
                    .count();
            assertThat(warnings).as("one warning per outage, not per request").isEqualTo(1);
            assertThat(recoveries).isEqualTo(1);
        } finally {
            log.detachAppender(logged);
            deleteKeys(prefix);
        }
    }

    private static void deleteKeys(String prefix) {
        List<String> keys = connection.sync().keys(prefix + "*");
        if (!keys.isEmpty()) {
            connection.sync().del(keys.toArray(String[]::new));
        }
    }
}
