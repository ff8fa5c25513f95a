package io.supportagent.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A client of a server-sent event stream for tests, reading as a browser's EventSource does (without reconnecting):
 * every event goes into a queue that tests wait on. HTTP/1.1, as browsers speak to a plain-http server.
 */
public final class SseClient implements AutoCloseable {

    /** One event: its name ({@code message} when it has none) and its data lines joined. */
    public record Event(String name, String data) {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicInteger received = new AtomicInteger();
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final int status;
    private final InputStream body;
    private volatile boolean ended;
    private volatile boolean cut;

    private SseClient(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream")
                .GET();
        headers.forEach(request::header);
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        status = response.statusCode();
        body = response.body();
        Thread.ofVirtual().name("sse-client").start(this::read);
    }

    /** Opens the stream (answers once its headers came). */
    public static SseClient open(String url, Map<String, String> headers) {
        try {
            return new SseClient(URI.create(url), headers);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return status;
    }

    /** Events read so far, all names. */
    public int received() {
        return received.get();
    }

    /** Whether the server ended the stream (or the connection broke). */
    public boolean ended() {
        return ended;
    }

    /**
     * Whether the stream broke rather than ended: the connection closed before the response's end (for chunked
     * encoding, its last chunk), which a client sees as an I/O error.
     */
    public boolean cut() {
        return cut;
    }

    /** The next event that matches, skipping others; null when none came within {@code timeout}. */
    public Event next(Predicate<Event> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (event == null || wanted.test(event)) {
                return event;
            }
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            String name = "message";
            StringBuilder data = new StringBuilder();
            while ((line = in.readLine()) != null) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                } else if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, data.toString()));
                        received.incrementAndGet();
                    }
                    name = "message";
                    data.setLength(0);
                }
            }
        } catch (IOException e) {
            cut = true; // or closed by the test
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        client.shutdownNow();
    }
}
