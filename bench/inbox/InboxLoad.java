import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inbox latency: with I open inboxes (server-sent event streams of one signed-in member) and W open widgets (each a
 * handed-off conversation followed over its stream), measures
 *  A. hand-off → visible in every open inbox: a shopper starts a conversation asking for a person; the time from the
 *     start's request until each inbox stream carries the conversation's event (I samples per hand-off);
 *  B. member reply → visible in the widget: the member replies through the inbox's form; the time from the reply's
 *     request until that widget's stream carried the event and the widget's read of the conversation returned the
 *     reply (what the widget does to show it).
 *
 * usage: java bench/inbox/InboxLoad.java http://127.0.0.1:8080 pk_widget_… member@email password orgId
 *        [inboxes=100] [widgets=500] [handoffs=50] [replies=100]
 * The server needs SUPPORT_AGENT_RATE_LIMIT_ENABLED=false (every simulated shopper comes from one address), and the
 * store must allow the origin http://bench.example (or set server_requests_allowed).
 */
public class InboxLoad {

    static final SecureRandom RANDOM = new SecureRandom();
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
    static final String ORIGIN = "http://bench.example";
    static final java.util.concurrent.atomic.AtomicInteger RECONNECTS = new java.util.concurrent.atomic.AtomicInteger();
    static final java.util.concurrent.Semaphore STARTS = new java.util.concurrent.Semaphore(8);

    static String base, key, org;
    static HttpClient http;
    static HttpClient member;
    static String csrf;

    public static void main(String[] args) throws Exception {
        base = args[0];
        key = args[1];
        String email = args[2], password = args[3];
        org = args[4];
        int inboxes = args.length > 5 ? Integer.parseInt(args[5]) : 100;
        int widgets = args.length > 6 ? Integer.parseInt(args[6]) : 500;
        int handoffs = args.length > 7 ? Integer.parseInt(args[7]) : 50;
        int replies = args.length > 8 ? Integer.parseInt(args[8]) : 100;
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).connectTimeout(Duration.ofSeconds(10)).build();
        member = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        signIn(email, password);

        // I open inboxes: every stream records when it saw each conversation's event.
        Map<String, List<Long>> seenByInboxes = new ConcurrentHashMap<>();
        CountDownLatch inboxesReady = new CountDownLatch(inboxes);
        for (int i = 0; i < inboxes; i++) {
            executor.submit(() -> stream(member, base + "/app/" + org + "/live/inbox/events", Map.of(), (event, data) -> {
                if (event.equals("ready")) inboxesReady.countDown();
                Matcher m = ID.matcher(data);
                if (event.equals("conversation") && m.find() && data.contains("handed_off")) {
                    seenByInboxes.computeIfAbsent(m.group(1), k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
                }
            }));
        }
        if (!inboxesReady.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("inboxes not connected");

        // W open widgets: handed-off conversations, each followed over its own stream.
        List<String[]> open = Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> replySeen = new ConcurrentHashMap<>();
        Map<String, String> expected = new ConcurrentHashMap<>();
        CountDownLatch widgetsReady = new CountDownLatch(widgets);
        CountDownLatch widgetsStarted = new CountDownLatch(widgets);
        for (int i = 0; i < widgets; i++) {
            Thread.ofVirtual().start(() -> {
                String[] c = start();
                open.add(c);
                widgetsStarted.countDown(); // (the thread then follows the stream for good)
                stream(http, base + "/widget/v1/conversations/" + c[0] + "/events",
                        Map.of("X-Widget-Key", key, "X-Conversation-Token", c[1], "Origin", ORIGIN), (event, data) -> {
                    if (event.equals("ready")) widgetsReady.countDown();
                    String text = expected.get(c[0]);
                    if (event.equals("conversation") && text != null && !replySeen.containsKey(c[0])) {
                        // What the widget does on an event: read the conversation; the reply is visible when it is there.
                        String body = send(http, HttpRequest.newBuilder(URI.create(base + "/widget/v1/conversations/" + c[0]))
                                .header("X-Widget-Key", key).header("X-Conversation-Token", c[1]).header("Origin", ORIGIN)
                                .GET().build());
                        if (body.contains(text)) replySeen.putIfAbsent(c[0], System.nanoTime());
                    }
                });
            });
            if (i % 50 == 49) Thread.sleep(200);
        }
        // Not join(): each widget's thread goes on reading its stream (an earlier version waited here for good).
        if (!widgetsStarted.await(600, TimeUnit.SECONDS)) throw new IllegalStateException("widgets not started");
        if (!widgetsReady.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("widgets not connected");
        System.out.printf("open: %d inbox streams, %d widget streams; %s%n", inboxes, widgets, conditions());

        // A: hand-offs, one every 200 ms.
        List<Long> handoffLatencies = new ArrayList<>();
        for (int i = 0; i < handoffs; i++) {
            long t0 = System.nanoTime();
            String id = start()[0];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (seenByInboxes.getOrDefault(id, List.of()).size() < inboxes && System.nanoTime() < deadline) Thread.sleep(5);
            for (long seen : seenByInboxes.getOrDefault(id, List.of())) handoffLatencies.add(seen - t0);
            for (int missing = seenByInboxes.getOrDefault(id, List.of()).size(); missing < inboxes; missing++) {
                handoffLatencies.add(TimeUnit.SECONDS.toNanos(10));
            }
            Thread.sleep(200);
        }
        report("A hand-off -> visible in " + inboxes + " open inboxes", handoffLatencies);
        System.out.println(conditions());

        // B: replies to open widgets, one every 200 ms.
        List<Long> replyLatencies = new ArrayList<>();
        for (int i = 0; i < replies; i++) {
            String[] c = open.get(i % open.size());
            String text = "Reply " + i + " " + Long.toHexString(RANDOM.nextLong());
            expected.put(c[0], text);
            replySeen.remove(c[0]);
            long t0 = System.nanoTime();
            String form = "_csrf=" + enc(csrf) + "&mode=reply&content=" + enc(text);
            HttpResponse<String> r = member.send(HttpRequest.newBuilder(
                            URI.create(base + "/app/" + org + "/live/inbox/" + c[0] + "/messages"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 302) throw new IllegalStateException("reply answered " + r.statusCode() + " " + r.body());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!replySeen.containsKey(c[0]) && System.nanoTime() < deadline) Thread.sleep(2);
            replyLatencies.add(replySeen.getOrDefault(c[0], t0 + TimeUnit.SECONDS.toNanos(10)) - t0);
            expected.remove(c[0]);
            Thread.sleep(200);
        }
        report("B member reply -> visible in the open widget (" + widgets + " open)", replyLatencies);
        System.out.println(conditions());
        System.exit(0);
    }

    /** When, and the machine's load (Linux), for the figures' conditions. */
    static String conditions() {
        String load;
        try {
            load = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            load = "unknown";
        }
        return java.time.Instant.now() + " loadavg " + load;
    }

    static void report(String what, List<Long> latencies) {
        Collections.sort(latencies);
        System.out.printf("%s: n=%d", what, latencies.size());
        for (double p : new double[] {50, 90, 99}) {
            System.out.printf(" p%s=%.1f ms", p, latencies.get((int) Math.min(latencies.size() - 1,
                    Math.ceil(p / 100 * latencies.size()) - 1)) / 1e6);
        }
        System.out.printf(" max=%.1f ms (streams ended and reconnected so far: %d)%n", latencies.getLast() / 1e6,
                RECONNECTS.get());
    }

    /** A conversation whose shopper asked for a person: {id, token}. */
    static String[] start() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "ct_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/widget/v1/conversations"))
                .header("X-Widget-Key", key).header("Origin", ORIGIN).header("Content-Type", "application/json")
                .header("Idempotency-Key", token.substring(3, 35))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"message\":\"I want to talk to a human\",\"conversation_token\":\"" + token + "\"}"))
                .build();
        // At most a few starts at once, and a 503 (the server shedding load) tried again, as the widget does.
        for (int attempt = 0; ; attempt++) {
            String body;
            STARTS.acquireUninterruptibly();
            try {
                body = send(http, request);
            } finally {
                STARTS.release();
            }
            Matcher m = ID.matcher(body);
            if (m.find()) return new String[] {m.group(1), token};
            if (attempt >= 20 || !body.contains("service_unavailable")) throw new IllegalStateException(body);
            try { Thread.sleep(500L * (attempt + 1)); } catch (InterruptedException e) { throw new IllegalStateException(e); }
        }
    }

    static void signIn(String email, String password) throws Exception {
        String page = member.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        csrf = token(page);
        member.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "_csrf=" + enc(csrf) + "&email=" + enc(email) + "&password=" + enc(password)))
                .build(), HttpResponse.BodyHandlers.ofString());
        String inbox = member.send(HttpRequest.newBuilder(URI.create(base + "/app/" + org + "/live/inbox")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        csrf = token(inbox);
    }

    static String token(String page) {
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
            Matcher meta = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page);
            if (!meta.find()) throw new IllegalStateException("no CSRF token (signed in?)");
            return meta.group(1);
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    static void stream(HttpClient client, String url, Map<String, String> headers, BiConsumer<String, String> handle) {
        while (true) {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET();
                headers.forEach(b::header);
                HttpResponse<java.io.InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) throw new IllegalStateException(url + " answered " + r.statusCode());
                try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    String line, event = "message";
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith("event:")) event = line.substring(6).trim();
                        else if (line.startsWith("data:")) data.append(line.substring(5).trim());
                        else if (line.isEmpty()) {
                            if (!data.isEmpty()) handle.accept(event, data.toString());
                            event = "message";
                            data.setLength(0);
                        }
                    }
                }
                RECONNECTS.incrementAndGet();
                System.err.println(java.time.Instant.now() + " stream ended by the server (reconnecting): " + url);
            } catch (Exception e) {
                RECONNECTS.incrementAndGet();
                System.err.println(java.time.Instant.now() + " stream " + url + ": " + e
                        + (e.getCause() == null ? "" : " caused by " + e.getCause()));
                try { Thread.sleep(1000); } catch (InterruptedException ie) { return; }
            }
        }
    }

    static String send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
