package io.supportagent.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.supportagent.platform.BackgroundJobs;
import io.supportagent.platform.db.DatabaseFailures;
import io.supportagent.platform.db.PlatformJdbc;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outbox worker: claims due deliveries as the platform role ({@code FOR UPDATE SKIP LOCKED}, so several nodes
 * share the work), sends each as a signed JSON POST, and marks it delivered or schedules the next attempt with the
 * configured backoff. Everything it needs is in the database, so deliveries survive restarts and outages: while the
 * database is away nothing is claimed and every delivery stays pending. An outcome that cannot be recorded (the
 * database went away during the send) is kept and recorded before the next claim, so a delivery that reached its
 * endpoint is not sent again once the database is back; if this node dies first, the claim's lease runs out and the
 * delivery is sent again (receivers tell repeats by {@code Support-Agent-Event-Id}).
 */
@Component
class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookDeliveries deliveries;
    private final PlatformJdbc platform;
    private final WebhookSettings settings;
    private final WebhookTargets targets;
    private final Clock clock;
    private final boolean serving;
    private final HttpClient http;
    private final BackgroundJobs jobs;
    private final Counter droppedOutcomes;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    /** Outcomes of sent deliveries not yet recorded, in the order they happened. */
    private final Queue<Consumer<JdbcClient>> unrecorded = new ConcurrentLinkedQueue<>();

    private BackgroundJobs.Job poller;

    WebhookDispatcher(
            WebhookDeliveries deliveries,
            PlatformJdbc platform,
            WebhookSettings settings,
            WebhookTargets targets,
            Clock clock,
            BackgroundJobs jobs,
            MeterRegistry meters,
            @Value("${support-agent.command:serve}") String command) {
        this.jobs = jobs;
        this.droppedOutcomes = Counter.builder("support_agent.webhooks.outcomes.dropped")
                .description("Outcomes of sent webhook deliveries that could not be recorded (sent again later)")
                .register(meters);
        this.deliveries = deliveries;
        this.platform = platform;
        this.settings = settings;
        this.targets = targets;
        this.clock = clock;
        this.serving = command.equals("serve");
        // Redirects are never followed: a public endpoint could otherwise bounce the request into the private network.
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (!settings.enabled() || !serving || poller != null) {
            return;
        }
        poller = jobs.schedule("webhook-dispatcher", settings.pollInterval(), this::pollAll);
    }

    @jakarta.annotation.PreDestroy
    synchronized void stop() {
        if (poller != null) {
            poller.stop();
        }
        senders.shutdownNow();
    }

    private void pollAll() {
        while (poll() == settings.batchSize()) {
            // a full batch: more may be due
        }
    }

    /**
     * One round: records the outcomes still unrecorded, then claims up to a batch of due deliveries and sends them
     * in parallel. Answers how many.
     */
    int poll() {
        recordOutcomes();
        Instant now = clock.instant();
        Instant lease = now.plus(settings.timeout().multipliedBy(3));
        List<WebhookDeliveries.Due> due =
                platform.inTransaction(tx -> deliveries.claim(tx, now, lease, settings.batchSize()));
        List<Future<?>> sent = due.stream()
                .map(d -> senders.submit(() -> send(d)))
                .<Future<?>>map(f -> f)
                .toList();
        for (Future<?> future : sent) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return sent.size();
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("Webhook send failed: {}", e.getCause().toString());
            }
        }
        return due.size();
    }

    private void send(WebhookDeliveries.Due delivery) {
        Instant attemptedAt = clock.instant();
        long timestamp = attemptedAt.getEpochSecond();
        long started = System.nanoTime();
        WebhookDeliveries.Answer answer = null;
        String error;
        try {
            URI url = URI.create(delivery.url());
            // Checked again on every attempt, as DNS may point the host elsewhere since it was registered (DNS
            // rebinding). The HttpClient looks the host up once more to connect and cannot be pinned to the checked
            // address; the JDK caches a successful lookup (networkaddress.cache.ttl, 30 s by default), so it
            // normally connects to an address checked here. The window left is a cache entry expiring in between,
            // or a TTL of 0 configured for the JVM.
            targets.check(url.getHost());
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "SupportAgent-Webhooks/1")
                    .header(
                            WebhookSignature.HEADER,
                            WebhookSignature.header(
                                    delivery.secret(), delivery.previousSecret(), timestamp, delivery.payload()))
                    .header("Support-Agent-Event-Id", delivery.eventId().toString())
                    .header("Support-Agent-Event-Type", delivery.eventType())
                    .header("Support-Agent-Delivery-Attempt", Integer.toString(delivery.attempt()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                    .build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            WebhookDeliveries.Answer answered =
                    new WebhookDeliveries.Answer(response.statusCode(), start(response.body()), millisSince(started));
            answer = answered;
            if (answered.statusCode() >= 200 && answered.statusCode() < 300) {
                Instant at = clock.instant();
                record(jdbc ->
                        deliveries.delivered(jdbc, delivery.id(), delivery.attempt(), attemptedAt, answered, at));
                return;
            }
            error = "HTTP " + answered.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the lease expires and the delivery is retried
        } catch (PrivateTargetRefused e) {
            // Given up at once, with nothing sent: retrying would only ask the attacker's DNS server again.
            record(jdbc -> deliveries.failed(
                    jdbc, delivery.id(), delivery.attempt(), attemptedAt, null, e.getMessage(), null));
            log.warn(
                    "Webhook delivery {} refused: {} ({}); giving up",
                    delivery.id(),
                    e.getMessage(),
                    e.address() == null ? "local name" : e.address().getHostAddress());
            return;
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            answer = new WebhookDeliveries.Answer(null, null, millisSince(started));
        }
        Instant retryAt = delivery.attempt() >= settings.maxAttempts()
                ? null
                : clock.instant().plus(settings.delayAfter(delivery.attempt()));
        WebhookDeliveries.Answer outcome = answer;
        String why = error;
        record(jdbc -> deliveries.failed(jdbc, delivery.id(), delivery.attempt(), attemptedAt, outcome, why, retryAt));
        log.info(
                "Webhook delivery {} attempt {} failed ({}){}",
                delivery.id(),
                delivery.attempt(),
                error,
                retryAt == null ? "; giving up" : "; retrying at " + retryAt);
    }

    /** The most of a receiver's answer the delivery log keeps. */
    static final int ANSWER_CHARACTERS = 500;

    /**
     * The start of a receiver's answer, for the delivery log: at most {@link #ANSWER_CHARACTERS} characters of it,
     * read as UTF-8, control characters but line breaks and tabs dropped; null when it is empty. The rest is not
     * read (a receiver's big page must not fill the log nor hold the worker).
     */
    static String start(InputStream body) throws IOException {
        try (body) {
            byte[] first = body.readNBytes(ANSWER_CHARACTERS * 4);
            String text = new String(first, StandardCharsets.UTF_8)
                    .replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "")
                    .strip();
            if (text.isEmpty()) {
                return null;
            }
            return text.codePointCount(0, text.length()) <= ANSWER_CHARACTERS
                    ? text
                    : text.substring(0, text.offsetByCodePoints(0, ANSWER_CHARACTERS));
        }
    }

    private static int millisSince(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Records an outcome now (the delivery's update and its attempt, in one transaction), or keeps it for the next
     * round when the database cannot take it.
     */
    private void record(Consumer<JdbcClient> outcome) {
        try {
            inTransaction(outcome);
        } catch (RuntimeException e) {
            if (DatabaseFailures.unavailable(e)) {
                unrecorded.add(outcome);
            } else {
                dropped(e);
            }
            throw e;
        }
    }

    /**
     * Records what earlier rounds could not, oldest first; stops at the first that the database cannot take yet
     * (keeping it). One it refuses for another reason is dropped: its delivery goes out again after its lease.
     */
    private void recordOutcomes() {
        for (Consumer<JdbcClient> outcome; (outcome = unrecorded.peek()) != null; ) {
            try {
                inTransaction(outcome);
            } catch (RuntimeException e) {
                if (DatabaseFailures.unavailable(e)) {
                    throw e;
                }
                dropped(e);
            }
            unrecorded.poll();
        }
    }

    private void inTransaction(Consumer<JdbcClient> outcome) {
        platform.inTransaction(tx -> {
            outcome.accept(tx);
            return null;
        });
    }

    private void dropped(RuntimeException e) {
        droppedOutcomes.increment();
        log.error("Could not record a webhook delivery's outcome; it is sent again after its lease", e);
    }
}
