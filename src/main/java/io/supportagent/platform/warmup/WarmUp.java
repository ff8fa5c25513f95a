package io.supportagent.platform.warmup;

import io.supportagent.platform.OperatorToken;
import io.supportagent.platform.db.DatabaseSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Warms a node up before its readiness probe lets a load balancer send it traffic: a node that starts cold (nothing
 * compiled by the JIT yet) and takes its share of the traffic at once answers slowly for tens of seconds, measured by
 * bench/faults when a killed node rejoined. Once the application is ready, the node opens its request pool's
 * connections and sends itself real HTTP requests on loopback for {@code support-agent.warm-up.duration}
 * ({@link WarmUpRequests}: through the real filters, security chains, JSON and JDBC, changing nothing), then reports
 * ready; until then its readiness says OUT_OF_SERVICE ({@link WarmUpHealthIndicator}) while its liveness is up.
 * Bounded: each request waits at most 2 s, and the warm-up ends on time whatever the answers (a node is not kept out
 * of service because, say, the database is away: readiness says that on its own).
 */
@Component
public class WarmUp {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

    private final WarmUpSettings settings;
    private final OperatorToken operatorToken;
    private final DataSource requestPool;
    private final int requestPoolSize;
    private final Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
    private volatile boolean finished;

    WarmUp(WarmUpSettings settings, OperatorToken operatorToken, DataSource requestPool, DatabaseSettings database) {
        this.settings = settings;
        this.operatorToken = operatorToken;
        this.requestPool = requestPool;
        this.requestPoolSize = database.poolSize();
        this.finished = !settings.enabled();
    }

    /** Whether the warm-up is over (or off): the node may take traffic. */
    public boolean finished() {
        return finished;
    }

    /** The answers the warm-up's requests got so far, by status (-1: none within the wait). */
    public Map<Integer, Long> answers() {
        Map<Integer, Long> counts = new TreeMap<>();
        answers.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }

    /** Starts once the web server listens; a command run at a terminal has none and is "warm" at once. */
    @EventListener
    void on(ApplicationReadyEvent ready) {
        if (finished) {
            return;
        }
        if (!(ready.getApplicationContext() instanceof WebServerApplicationContext web)
                || web.getWebServer() == null
                || web.getWebServer().getPort() <= 0) {
            finished = true;
            return;
        }
        URI node = URI.create("http://127.0.0.1:" + web.getWebServer().getPort());
        Thread.ofVirtual().name("warm-up").start(() -> run(node));
    }

    private void run(URI node) {
        long started = System.nanoTime();
        long end = started + settings.duration().toNanos();
        openRequestPool();
        List<HttpRequest> requests = WarmUpRequests.all(node, operatorToken.reveal());
        try (ExecutorService clientThreads = Executors.newVirtualThreadPerTaskExecutor();
                HttpClient client = HttpClient.newBuilder()
                        .connectTimeout(WarmUpRequests.TIMEOUT)
                        .executor(clientThreads)
                        .build()) {
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < settings.concurrency(); w++) {
                int first = w;
                workers.add(Thread.ofVirtual().name("warm-up-" + w).start(() -> {
                    // Each worker starts elsewhere in the list, so that all paths run from the first moment.
                    for (int i = first;
                            System.nanoTime() < end && !Thread.currentThread().isInterrupted();
                            i++) {
                        send(client, requests.get(i % requests.size()));
                    }
                }));
            }
            // A worker ends within one request's timeout after the deadline.
            long joinBy = end + WarmUpRequests.TIMEOUT.plusSeconds(1).toNanos();
            for (Thread worker : workers) {
                long left = Math.max(1, (joinBy - System.nanoTime()) / 1_000_000);
                if (!worker.join(Duration.ofMillis(left))) {
                    worker.interrupt();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("The warm-up stopped early: {}", e.toString());
        } finally {
            finished = true;
            log.info(
                    "Warmed up in {} ms with {} requests to itself (answers by status: {}); ready for traffic",
                    Duration.ofNanos(System.nanoTime() - started).toMillis(),
                    answers.values().stream().mapToLong(AtomicLong::get).sum(),
                    answers());
        }
    }

    /**
     * Opens the request pool's connections, all at once: the pool keeps two and makes the others on demand, and the
     * first burst of traffic would wait for them to be made (a server process each). Nothing is read or written.
     */
    private void openRequestPool() {
        List<Connection> opened = new ArrayList<>();
        try {
            for (int i = 0; i < requestPoolSize; i++) {
                opened.add(requestPool.getConnection());
            }
        } catch (SQLException e) {
            log.info("The warm-up could not open the request pool's connections: {}", e.getMessage());
        } finally {
            for (Connection connection : opened) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // given back broken: the pool makes another when it is needed
                }
            }
        }
    }

    private void send(HttpClient client, HttpRequest request) {
        int status;
        try {
            status =
                    client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
            pause(); // refused at once (the server listens elsewhere?): no busy loop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        answers.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
