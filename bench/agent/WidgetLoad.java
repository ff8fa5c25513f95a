import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver: N concurrent shoppers, each with its own widget conversation, sending M messages one after the other
 * through POST /widget/v1/conversations/{id}/messages (JSON), with the offline provider. Prints latency percentiles.
 *
 * usage: java bench/agent/WidgetLoad.java http://localhost:8080 pk_widget_... [conversations=50] [messages=40] [pace=0]
 *
 * pace = 0: closed loop, each shopper sends its next message as soon as the reply arrives (saturation);
 * pace = N ms: each shopper sends one message every N ms (a chat's realistic pace: open loop, fixed offered load).
 */
public class WidgetLoad {

    static final String[] QUESTIONS = {
        "How long does shipping take?",
        "Where is my order 1001? My email is alice@example.com",
        "Can I return my jacket for a refund?",
        "Which payment methods do you accept?",
        "Do your shirts run true to size?"
    };
    static long pace;
    static final Pattern FIELD = Pattern.compile("\"(id|token)\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String key = args[1];
        int conversations = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int messages = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        pace = args.length > 4 ? Long.parseLong(args[4]) : 0;
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        run(client, base, key, conversations, Math.max(5, messages / 4), false); // warm-up
        long start = System.nanoTime();
        List<Long> latencies = run(client, base, key, conversations, messages, true);
        double seconds = (System.nanoTime() - start) / 1e9;
        Collections.sort(latencies);
        System.out.printf(
                "conversations=%d messages=%d total=%d in %.1fs (%.0f msg/s)%n",
                conversations, messages, latencies.size(), seconds, latencies.size() / seconds);
        for (double p : new double[] {50, 90, 99, 99.9}) {
            System.out.printf("p%s = %.1f ms%n", p, latencies.get((int) Math.min(latencies.size() - 1,
                    Math.ceil(p / 100 * latencies.size()) - 1)) / 1e6);
        }
        System.out.printf("max = %.1f ms%n", latencies.getLast() / 1e6);
    }

    static List<Long> run(HttpClient client, String base, String key, int conversations, int messages, boolean keep)
            throws Exception {
        List<Long> all = Collections.synchronizedList(new ArrayList<>());
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < conversations; c++) {
                int shopper = c;
                pool.submit(() -> {
                    String[] conversation = start(client, base, key);
                    long next = System.nanoTime() + (pace == 0 ? 0 : (long) (Math.random() * pace * 1_000_000));
                    for (int m = 0; m < messages; m++) {
                        if (pace > 0) {
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                            next += pace * 1_000_000;
                        }
                        String body = "{\"content\":\"" + QUESTIONS[(shopper + m) % QUESTIONS.length] + "\"}";
                        HttpRequest request = HttpRequest.newBuilder(
                                        URI.create(base + "/widget/v1/conversations/" + conversation[0] + "/messages"))
                                .header("X-Widget-Key", key)
                                .header("Origin", origin(base))
                                .header("X-Conversation-Token", conversation[1])
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build();
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - t0;
                        if (response.statusCode() != 201) {
                            throw new IllegalStateException(response.statusCode() + " " + response.body());
                        }
                        if (keep) {
                            all.add(took);
                        }
                    }
                    return null;
                });
            }
        }
        return new ArrayList<>(all);
    }

    /** The widget API answers store pages: the Origin of the server's own address, which the demo store allows. */
    static String origin(String base) {
        URI uri = URI.create(base);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    static String[] start(HttpClient client, String base, String key) throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(base + "/widget/v1/conversations"))
                        .header("X-Widget-Key", key)
                                .header("Origin", origin(base))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"Hi!\"}")) // a start says something
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        String id = null;
        String token = null;
        Matcher m = FIELD.matcher(response.body());
        while (m.find()) {
            if (m.group(1).equals("id") && id == null) { // the conversation's, not its messages' ids
                id = m.group(2);
            } else if (m.group(1).equals("token")) {
                token = m.group(2);
            }
        }
        return new String[] {id, token};
    }
}
