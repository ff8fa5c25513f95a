import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault soak's traffic and its report (bench/faults/run.sh runs it; JDK 21+, no dependencies).
 *
 * <pre>
 * java Soak.java seed   NODE_URL OPERATOR_TOKEN ORGS ORGS_FILE
 * java Soak.java run    ORGS_FILE SECONDS OUT_DIR NODE1_URL NODE2_URL [API_USERS] [WIDGET_USERS] [PACE_MS]
 * java Soak.java report OUT_DIR
 * </pre>
 *
 * Traffic: API users start conversations ({@code POST /v1/conversations} with an Idempotency-Key) and read
 * (conversation, stores, usage); widget users start widget conversations (with a key), send a message and read the
 * history. Each user prefers one node and moves to the other while its node is out of rotation, as behind a load
 * balancer that follows the readiness probes (every 250 ms on each node) and refused connections. A conversation
 * start is retried with the same key after a 503, a timeout or a refused connection until it is answered (as the
 * widget and a careful client do), so every start ends acknowledged exactly once: the report checks that against the
 * database.
 */
public class Soak {

    static final String ORIGIN = "https://bench.example";
    static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    static final Pattern SECRET = Pattern.compile("\"secret\":\"(sk_live_[^\"]+)\"");
    static final Pattern PUBLIC_KEY = Pattern.compile("\"public_key\":\"([^\"]+)\"");

    static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "seed" -> seed(args[1], args[2], Integer.parseInt(args[3]), Path.of(args[4]));
            case "run" -> run(args);
            case "report" -> report(Path.of(args[1]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    // ---------------------------------------------------------------------------------------------------------- seed

    record Org(String key, String instance, String widgetKey) {}

    static void seed(String node, String token, int count, Path out) throws Exception {
        String definition = definition(node, token);
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String created = ok(post(node, "/platform/v1/organizations", token, null, Map.of(),
                    "{\"name\":\"Soak " + i + " " + UUID.randomUUID() + "\",\"tier\":\"enterprise\"}"));
            String key = first(SECRET, created);
            String store = first(ID, ok(post(node, "/v1/stores", key, null, Map.of(),
                    "{\"name\":\"Soak store\",\"domain\":\"bench.example\",\"allowed_origins\":[\"" + ORIGIN + "\"]}")));
            String instance = ok(post(node, "/v1/agent-instances", key, null, Map.of(),
                    "{\"store_id\":\"" + store + "\",\"agent_definition_id\":\"" + definition
                            + "\",\"name\":\"Soak assistant\"}"));
            lines.add(key + "," + first(ID, instance) + "," + first(PUBLIC_KEY, instance));
        }
        Files.write(out, lines);
        System.out.println("seeded " + count + " organizations");
    }

    /** The customer-service definition, published by the operator when the database has none. */
    static String definition(String node, String token) throws Exception {
        var published = post(node, "/platform/v1/agent-definitions", token, null, Map.of(), """
                {"type":"customer_service","version":"1.0.0","name":"Customer service","system_prompt":"Help.",
                 "tools":["search_knowledge"],"default_config":{}}""");
        if (published.statusCode() == 201) {
            return first(ID, published.body());
        }
        String list = ok(send(HttpRequest.newBuilder(URI.create(node + "/platform/v1/agent-definitions?limit=100"))
                .header("Authorization", "Bearer " + token)
                .GET()));
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\",\"object\":\"agent_definition\",\"type\":\"customer_service\"")
                .matcher(list);
        if (m.find()) {
            return m.group(1);
        }
        return first(ID, list);
    }

    // ----------------------------------------------------------------------------------------------------------- run

    enum Kind {
        API_START, API_READ, WIDGET_START, WIDGET_MESSAGE, WIDGET_READ,
        /** A load balancer's readiness probe, every 250 ms on each node: not traffic, reported apart. */
        READINESS
    }

    /** One request: when it started (ms since the run began), how long it took, to which node, and its answer. */
    record Sample(int startMs, int micros, Kind kind, int node, int status) {}

    static final int REFUSED = -1; // no HTTP answer: connection refused or reset
    static final int TIMED_OUT = -2; // no answer within 10 s

    static final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    static final Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
    static final AtomicInteger abandoned = new AtomicInteger();
    static final AtomicInteger issued = new AtomicInteger();
    static long startNanos;
    static volatile boolean stopping;
    static String[] nodes;
    static final AtomicLongArray downUntil = new AtomicLongArray(2);
    /** 1 while a node's last readiness probe answered 200 (both are ready when the run starts). */
    static final AtomicIntegerArray ready = new AtomicIntegerArray(new int[] {1, 1});

    static void run(String[] args) throws Exception {
        List<Org> orgs = Files.readAllLines(Path.of(args[1])).stream()
                .map(l -> l.split(","))
                .map(p -> new Org(p[0], p[1], p[2]))
                .toList();
        int seconds = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        nodes = new String[] {args[4], args[5]};
        int apiUsers = args.length > 6 ? Integer.parseInt(args[6]) : 8;
        int widgetUsers = args.length > 7 ? Integer.parseInt(args[7]) : 8;
        long pace = args.length > 8 ? Long.parseLong(args[8]) : 25;
        startNanos = System.nanoTime();
        Files.writeString(out.resolve("start.txt"), System.currentTimeMillis() + "\n");
        try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int u = 0; u < apiUsers + widgetUsers; u++) {
                int user = u;
                boolean widget = u >= apiUsers;
                users.submit(() -> {
                    while (!stopping) {
                        Org org = orgs.get(ThreadLocalRandom.current().nextInt(orgs.size()));
                        try {
                            if (widget) {
                                widgetVisit(user % 2, org);
                            } else {
                                apiVisit(user % 2, org);
                            }
                            Thread.sleep(pace);
                        } catch (InterruptedException e) {
                            return null;
                        }
                    }
                    return null;
                });
            }
            for (int n = 0; n < 2; n++) {
                int node = n;
                users.submit(() -> {
                    while (!stopping) {
                        Call probe = timed(
                                Kind.READINESS, node, get(node, "/actuator/health/readiness", null, null, Map.of()));
                        ready.set(node, probe.status() == 200 ? 1 : 0);
                        Thread.sleep(250);
                    }
                    return null;
                });
            }
            Thread.sleep(seconds * 1000L);
            stopping = true;
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("samples.csv")))) {
            w.println("start_ms,micros,kind,node,status");
            for (Sample s : samples) {
                w.println(s.startMs() + "," + s.micros() + "," + s.kind() + "," + s.node() + "," + s.status());
            }
        }
        try (PrintWriter ids = new PrintWriter(Files.newBufferedWriter(out.resolve("acknowledged.csv")));
                PrintWriter doubled = new PrintWriter(Files.newBufferedWriter(out.resolve("doubled.txt")))) {
            acknowledged.forEach((key, answered) -> {
                answered.forEach(ids::println);
                if (answered.size() > 1) {
                    doubled.println(key + " " + answered);
                }
            });
        }
        Files.writeString(out.resolve("starts.txt"), "issued " + issued.get() + "\nacknowledged "
                + acknowledged.size() + "\nabandoned " + abandoned.get() + "\n");
        System.out.printf("requests %d, starts issued %d, acknowledged %d, abandoned %d%n",
                samples.size(), issued.get(), acknowledged.size(), abandoned.get());
    }

    static void apiVisit(int preferred, Org org) throws InterruptedException {
        String id = start(preferred, Kind.API_START, "/v1/conversations", org.key(), null,
                "{\"agent_instance_id\":\"" + org.instance() + "\",\"customer_name\":\"Ada\"}");
        if (id == null) {
            return;
        }
        int node = pick(preferred);
        timed(Kind.API_READ, node, get(node, "/v1/conversations/" + id, org.key(), null, Map.of()));
        timed(Kind.API_READ, node, get(node, "/v1/stores?limit=5", org.key(), null, Map.of()));
        timed(Kind.API_READ, node, get(node, "/v1/usage", org.key(), null, Map.of()));
    }

    static void widgetVisit(int preferred, Org org) throws InterruptedException {
        String[] started = new String[1];
        // A widget conversation starts with the shopper's first message, which the agent answers. As widget.js does,
        // the client makes the conversation's token itself: a retry's answer (a replay carries no token the platform
        // made, a one-time secret) needs nothing from the first.
        String token = "ct_" + UUID.randomUUID().toString().replace("-", "")
                + UUID.randomUUID().toString().replace("-", "");
        String id = start(preferred, Kind.WIDGET_START, "/widget/v1/conversations", null, org.widgetKey(),
                "{\"message\":\"Hello, do you ship to Canada?\",\"conversation_token\":\"" + token + "\"}",
                started);
        if (id == null) {
            return;
        }
        int node = pick(preferred);
        Map<String, String> conversation = Map.of("X-Conversation-Token", token);
        timed(Kind.WIDGET_MESSAGE, node, post(node, "/widget/v1/conversations/" + id + "/messages", null,
                org.widgetKey(), conversation, "{\"content\":\"How long does shipping take?\"}"));
        timed(Kind.WIDGET_READ, node, get(node, "/widget/v1/conversations/" + id, null, org.widgetKey(), conversation));
    }

    static String start(int preferred, Kind kind, String path, String bearer, String widgetKey, String body)
            throws InterruptedException {
        return start(preferred, kind, path, bearer, widgetKey, body, new String[1]);
    }

    /**
     * A conversation start, retried with its key until it is answered (a 503, a timeout, a refused connection or an
     * idempotency key still in use are retried; anything else ends it). Answers the conversation's id, or null.
     */
    static String start(int preferred, Kind kind, String path, String bearer, String widgetKey, String body,
            String[] answer) throws InterruptedException {
        String key = "soak-" + UUID.randomUUID();
        issued.incrementAndGet();
        long giveUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Map<String, String> headers = Map.of("Idempotency-Key", key);
        while (System.nanoTime() < giveUp && !stopping) {
            int node = pick(preferred);
            Call call = timed(kind, node, post(node, path, bearer, widgetKey, headers, body));
            if (call.status() == 201) {
                String id = first(ID, call.body());
                acknowledged.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(id);
                answer[0] = call.body();
                return id;
            }
            if (call.status() == REFUSED) {
                downUntil.set(node, System.nanoTime() + Duration.ofSeconds(2).toNanos());
                continue; // at once, on the other node
            }
            if (call.status() != 503 && call.status() != TIMED_OUT && call.status() != 409) {
                break;
            }
            // A held key (409) is the start of a request that may have died with its node: its lease runs out in
            // seconds; the widget waits 2 s between such tries, clients should not hammer either.
            Thread.sleep(call.status() == 503 ? 250 : call.status() == 409 ? 1000 : 100);
        }
        if (!stopping) {
            abandoned.incrementAndGet();
        }
        return null;
    }

    /**
     * As a load balancer that follows the nodes' readiness probes: the preferred node while it is in rotation (its
     * last probe answered 200 and it refused no connection in the last 2 s), else the other one if that is. With no
     * node in rotation (the database is away: both report DOWN) it fails open, as load balancers do, and sends to
     * the preferred node unless that one refuses connections. A node that starts again gets traffic only once its
     * readiness says UP, after its warm-up.
     */
    static int pick(int preferred) {
        int other = 1 - preferred;
        if (inRotation(preferred)) {
            return preferred;
        }
        if (inRotation(other)) {
            return other;
        }
        return refusedRecently(preferred) && !refusedRecently(other) ? other : preferred;
    }

    static boolean inRotation(int node) {
        return ready.get(node) == 1 && !refusedRecently(node);
    }

    static boolean refusedRecently(int node) {
        return downUntil.get(node) > System.nanoTime();
    }

    record Call(int status, String body, long startedNanos, long nanos) {}

    static Call timed(Kind kind, int node, Call call) {
        samples.add(new Sample(
                (int) ((call.startedNanos() - startNanos) / 1_000_000),
                (int) (call.nanos() / 1_000),
                kind,
                node,
                call.status()));
        return call;
    }

    static Call get(int node, String path, String bearer, String widgetKey, Map<String, String> headers) {
        return call(node, path, bearer, widgetKey, headers, null);
    }

    static Call post(int node, String path, String bearer, String widgetKey, Map<String, String> headers, String body) {
        return call(node, path, bearer, widgetKey, headers, body);
    }

    static Call call(int node, String path, String bearer, String widgetKey, Map<String, String> headers,
            String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(nodes[node] + path))
                .timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (widgetKey != null) {
            request.header("X-Widget-Key", widgetKey).header("Origin", ORIGIN);
        }
        headers.forEach(request::header);
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Call(response.statusCode(), response.body(), started, System.nanoTime() - started);
        } catch (HttpTimeoutException e) {
            return new Call(TIMED_OUT, "", started, System.nanoTime() - started);
        } catch (IOException e) {
            return new Call(REFUSED, "", started, System.nanoTime() - started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Call(REFUSED, "", started, System.nanoTime() - started);
        }
    }

    static HttpResponse<String> post(String node, String path, String bearer, String widgetKey,
            Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String ok(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException(pattern + " not in " + text);
        }
        return m.group(1);
    }

    // -------------------------------------------------------------------------------------------------------- report

    record Event(long atMs, String name) {}

    static void report(Path out) throws Exception {
        long start = Long.parseLong(Files.readString(out.resolve("start.txt")).strip());
        List<Event> events = Files.readAllLines(out.resolve("events.txt")).stream()
                .map(l -> l.split(" ", 2))
                .map(p -> new Event(Long.parseLong(p[0]) - start, p[1]))
                .toList();
        List<Sample> all = Files.readAllLines(out.resolve("samples.csv")).stream()
                .skip(1)
                .map(l -> l.split(","))
                .map(p -> new Sample(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Kind.valueOf(p[2]),
                        Integer.parseInt(p[3]), Integer.parseInt(p[4])))
                .sorted((a, b) -> Integer.compare(a.startMs(), b.startMs()))
                .toList();
        List<Sample> probes = all.stream().filter(s -> s.kind() == Kind.READINESS).toList();
        all = all.stream().filter(s -> s.kind() != Kind.READINESS).toList();
        Map<String, String> counts = new TreeMap<>();
        for (String line : Files.readAllLines(out.resolve("counts.txt"))) {
            String[] kv = line.strip().split("\\s+", 2);
            if (kv.length == 2) {
                counts.put(kv[0], kv[1]);
            }
        }
        for (String line : Files.readAllLines(out.resolve("starts.txt"))) {
            String[] kv = line.strip().split("\\s+", 2);
            counts.put("starts_" + kv[0], kv[1]);
        }
        long doubled = Files.readAllLines(out.resolve("doubled.txt")).stream().filter(l -> !l.isBlank()).count();

        // Outage windows: from a fault to 10 s after its recovery.
        List<long[]> windows = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (e.name().endsWith("-down")) {
                String what = e.name().substring(0, e.name().length() - "-down".length());
                long up = events.stream()
                        .filter(x -> x.name().equals(what + "-up") && x.atMs() >= e.atMs())
                        .mapToLong(Event::atMs)
                        .findFirst()
                        .orElse(Long.MAX_VALUE);
                windows.add(new long[] {e.atMs(), up, up == Long.MAX_VALUE ? up : up + 10_000});
            }
        }

        Map<String, Integer> outcomes = new TreeMap<>();
        int badOutside = 0, badInside = 0, unavailableOutside = 0, startsInUse = 0;
        for (Sample s : all) {
            String outcome = s.status() / 100 == 2 ? "2xx"
                    : s.status() == REFUSED ? "refused"
                    : s.status() == TIMED_OUT ? "timed-out" : Integer.toString(s.status());
            outcomes.merge(outcome, 1, Integer::sum);
            // Inside when it was on its way while the fault lasted (or in the 10 s after).
            long end = s.startMs() + s.micros() / 1000;
            boolean inside = windows.stream().anyMatch(w -> end >= w[0] && s.startMs() < w[2]);
            boolean fine = s.status() / 100 == 2;
            boolean outageAnswer = s.status() == 503 || s.status() == REFUSED;
            if (!fine && !outageAnswer) {
                if (s.status() == 409 && (s.kind() == Kind.WIDGET_START || s.kind() == Kind.API_START)) {
                    startsInUse++; // a retried start told to wait while its first request may still run
                }
                if (inside) {
                    badInside++;
                } else {
                    badOutside++;
                }
            } else if (outageAnswer && !inside) {
                unavailableOutside++;
            }
        }

        int firstFault = (int) events.stream().filter(e -> e.name().endsWith("-down")).mapToLong(Event::atMs)
                .min().orElse(Long.MAX_VALUE);
        // The minute before the first fault (the first half of the time before it in shorter runs).
        int[] baseline = latencies(all, Math.max(firstFault / 2, firstFault - 60_000), firstFault);
        double baseP99 = percentile(baseline, 99);
        double normal = Math.max(2 * baseP99, baseP99 + 20);
        // How often a 5 s window of the fault-free minute is above "normal" itself: the machine's own noise.
        int windowsBefore = 0, aboveBefore = 0;
        for (int t = Math.max(firstFault / 2, firstFault - 60_000); t + 5_000 <= firstFault; t += 500) {
            int[] window = latencies(all, t, t + 5_000);
            windowsBefore++;
            if (percentile(window, 99) > normal) {
                aboveBefore++;
            }
        }

        StringBuilder report = new StringBuilder();
        report.append(String.format("requests %d; outcomes %s%n", all.size(), outcomes));
        report.append(String.format(
                "errors other than 503 / refused connection: %d during outages, %d outside; 503 or refused outside"
                        + " outages (+10 s): %d%n", badInside, badOutside, unavailableOutside));
        report.append(String.format("  of those errors, 409 to a retried start (its key leased to a request that may"
                        + " still run): %d%n", startsInUse));
        report.append(String.format("conversation starts: %s issued, %s acknowledged, %s abandoned; keys answered"
                        + " with two conversations: %d%n",
                counts.get("starts_issued"), counts.get("starts_acknowledged"), counts.get("starts_abandoned"),
                doubled));
        report.append(String.format("database: %s conversations, usage counted %s, acknowledged but missing (lost)"
                        + " %s, present but never acknowledged %s%n",
                counts.get("conversations"), counts.get("usage"), counts.get("lost"), counts.get("unacknowledged")));
        report.append(String.format("baseline p99 (the minute before the first fault) %.1f ms (p50 %.1f ms, %d"
                        + " requests); normal = p99 of a 5 s window <= %.1f ms (2 x baseline, at least +20 ms); before"
                        + " the first fault %d of %d such windows were above it%n",
                baseP99, percentile(baseline, 50), baseline.length, normal, aboveBefore, windowsBefore));
        // Each recovery against the minute before its own fault: the machine's load drifts over ten minutes.
        long faultAt = 0;
        for (Event e : events) {
            report.append(String.format("  %-11s at %6.1f s", e.name(), e.atMs() / 1000.0));
            if (e.name().endsWith("-down")) {
                faultAt = e.atMs();
            }
            if (e.name().endsWith("-up")) {
                double before = percentile(latencies(all, (int) faultAt - 60_000, (int) faultAt), 99);
                double normalHere = Math.max(2 * before, before + 20);
                long back = normalAfter(all, e.atMs(), normalHere);
                report.append(String.format("  p99 the minute before the fault %6.1f ms;", before));
                report.append(back < 0 ? " p99 not back to normal"
                        : String.format(" p99 (5 s window) <= %.0f ms %.1f s after recovery", normalHere,
                                back / 1000.0));
                int[] first = latencies(all, (int) e.atMs(), (int) e.atMs() + 10_000);
                int[] next = latencies(all, (int) e.atMs() + 10_000, (int) e.atMs() + 70_000);
                report.append(String.format("; p99 of the first 10 s %.1f ms, of the minute after %.1f ms",
                        percentile(first, 99), percentile(next, 99)));
                long from = faultAt;
                long unavailable = all.stream()
                        .filter(s -> s.startMs() + s.micros() / 1000 >= from && s.startMs() < e.atMs() + 10_000)
                        .filter(s -> s.status() == 503 || s.status() == REFUSED)
                        .count();
                long lastFailure = all.stream()
                        .filter(s -> s.startMs() + s.micros() / 1000 >= from && s.startMs() < e.atMs() + 60_000)
                        .filter(s -> s.status() == 503 || s.status() == REFUSED)
                        .mapToLong(s -> s.startMs() + s.micros() / 1000)
                        .max()
                        .orElse(from);
                report.append(String.format("; %d answered 503/refused, the last %.1f s after recovery",
                        unavailable, (lastFailure - e.atMs()) / 1000.0));
                int[] slow = all.stream()
                        .filter(s -> s.startMs() + s.micros() / 1000 >= from && s.startMs() < e.atMs() + 10_000)
                        .filter(s -> s.status() == 503)
                        .mapToInt(s -> s.micros() / 1000)
                        .sorted()
                        .toArray();
                report.append(String.format("; its 503s answered in p50 %.0f / p90 %.0f / max %.0f ms",
                        percentile(slow, 50), percentile(slow, 90),
                        slow.length == 0 ? Double.NaN : (double) slow[slow.length - 1]));
            }
            report.append('\n');
        }
        int[] unavailableMs = all.stream()
                .filter(s -> s.status() == 503)
                .mapToInt(s -> s.micros() / 1000)
                .sorted()
                .toArray();
        report.append(String.format("503 answers: %d, answered in p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                unavailableMs.length, percentile(unavailableMs, 50), percentile(unavailableMs, 99),
                unavailableMs.length == 0 ? Double.NaN : (double) unavailableMs[unavailableMs.length - 1]));
        int[] probeMs = probes.stream().mapToInt(s -> s.micros() / 1000).sorted().toArray();
        report.append(String.format("readiness probes: %d, answered in p50 %.0f ms, p99 %.0f ms, max %.0f ms;"
                        + " none unanswered: %s%n",
                probeMs.length, percentile(probeMs, 50), percentile(probeMs, 99),
                probeMs.length == 0 ? Double.NaN : (double) probeMs[probeMs.length - 1],
                probes.stream().noneMatch(p -> p.status() == TIMED_OUT)));
        for (Event e : events) {
            if (e.name().startsWith("db") && e.name().endsWith("-down")) {
                String what = e.name().substring(0, e.name().indexOf('-'));
                long up = events.stream().filter(x -> x.name().equals(what + "-up")).mapToLong(Event::atMs)
                        .findFirst().orElse(Long.MAX_VALUE);
                for (int n = 0; n < 2; n++) {
                    int node = n;
                    long down = probes.stream()
                            .filter(p -> p.node() == node && p.startMs() >= e.atMs() && p.status() == 503)
                            .mapToLong(p -> p.startMs() + p.micros() / 1000)
                            .findFirst().orElse(-1);
                    long again = probes.stream()
                            .filter(p -> p.node() == node && p.startMs() >= up && p.status() == 200)
                            .mapToLong(p -> p.startMs() + p.micros() / 1000)
                            .findFirst().orElse(-1);
                    report.append(String.format("  %s, node %d: readiness DOWN %.1f s after the database went,"
                                    + " UP %.1f s after it was back%n", what, node + 1,
                            (down - e.atMs()) / 1000.0, (again - up) / 1000.0));
                }
            }
        }
        System.out.print(report);
        Files.writeString(out.resolve("report.txt"), report.toString());

        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("timeline.csv")))) {
            w.println("second,requests,ok,unavailable_503,refused,other,p50_ms,p99_ms");
            int last = all.isEmpty() ? 0 : all.getLast().startMs() / 1000;
            for (int sec = 0; sec <= last; sec++) {
                int from = sec * 1000, to = from + 1000;
                List<Sample> in = all.stream().filter(s -> s.startMs() >= from && s.startMs() < to).toList();
                int[] ok = latencies(in, from, to);
                long u = in.stream().filter(s -> s.status() == 503).count();
                long r = in.stream().filter(s -> s.status() == REFUSED).count();
                w.printf("%d,%d,%d,%d,%d,%d,%.1f,%.1f%n", sec, in.size(), ok.length, u, r,
                        in.size() - ok.length - u - r, percentile(ok, 50), percentile(ok, 99));
            }
        }
    }

    /** Latencies in ms of the answered (2xx) requests that started in [from, to). */
    static int[] latencies(List<Sample> samples, int from, int to) {
        return samples.stream()
                .filter(s -> s.startMs() >= from && s.startMs() < to && s.status() / 100 == 2)
                .mapToInt(s -> s.micros() / 1000)
                .sorted()
                .toArray();
    }

    /** Ms from {@code at} to the first 5 s window whose p99 is at most {@code normal}, or -1. */
    static long normalAfter(List<Sample> all, long at, double normal) {
        for (long t = at; t < at + 120_000; t += 500) {
            int[] window = latencies(all, (int) t, (int) t + 5_000);
            if (window.length > 20 && percentile(window, 99) <= normal) {
                return t - at;
            }
        }
        return -1;
    }

    static double percentile(int[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
        return sorted[Math.max(0, index)];
    }
}
