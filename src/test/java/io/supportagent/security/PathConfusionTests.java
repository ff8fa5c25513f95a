package io.supportagent.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.OperatorToken;
import io.supportagent.support.ApiFixtures;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.RawHttp;
import io.supportagent.tenancy.Tier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * No spelling of a route reaches it without that route's own credential. Reads every route of the served OpenAPI
 * document (so a route added later is covered too), spells each path many ways an attacker would — percent-encoded
 * letters, {@code ;} parameters on any segment, {@code //}, {@code /./}, {@code /../}, a trailing {@code /}, upper
 * case, encoded {@code /}, {@code .}, {@code %} and {@code \}, non-ASCII — and sends each with no credential and with
 * each valid credential of another surface: never 2xx, never 5xx.
 */
@IntegrationTest
@Import({Fixtures.class, ApiFixtures.class})
class PathConfusionTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiFixtures api;

    @Autowired
    OperatorToken operatorToken;

    /** Routes of the document that anyone may call (the widget script): for them, only "never 5xx" holds. */
    static final List<String> PUBLIC = List.of("/widget.js");

    /** A valid credential of each surface, by the path prefix of the surface it opens. */
    Map<String, Map<String, String>> credentials;

    @BeforeEach
    void credentialsOfEverySurface() {
        var org = fixtures.organization(Tier.PRO);
        var deployed = api.deploy(org);
        credentials = new LinkedHashMap<>();
        credentials.put("/v1/", Map.of("Authorization", "Bearer " + org.liveKey()));
        credentials.put(
                "/widget/v1/",
                Map.of("X-Widget-Key", deployed.instance().publicKey(), "Origin", "https://shop.example.com"));
        credentials.put("/platform/v1/", Map.of("Authorization", "Bearer " + operatorToken.reveal()));
    }

    @Test
    void noSpellingOfAnyRouteAnswersWithoutItsOwnCredential() throws Exception {
        JsonNode paths = Http.on(port).get("/v3/api-docs").json().get("paths");
        List<Probe> probes = new ArrayList<>();
        for (var path : paths.properties()) {
            String concrete = concrete(path.getKey());
            for (var operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                for (String target : spellings(concrete)) {
                    probes.add(new Probe(path.getKey(), method, target, Map.of()));
                    credentials.forEach((surface, headers) -> {
                        if (!concrete.startsWith(surface)) {
                            probes.add(new Probe(path.getKey(), method, target, headers));
                        }
                    });
                }
            }
        }
        assertThat(paths.size()).as("routes in the document").isGreaterThan(30);

        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        Semaphore concurrency = new Semaphore(24);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Probe probe : probes) {
                concurrency.acquire();
                pool.submit(() -> {
                    try {
                        String body =
                                probe.method().equals("GET") || probe.method().equals("DELETE") ? null : "{}";
                        var answer = RawHttp.send(port, probe.method(), probe.target(), probe.headers(), body);
                        sent.incrementAndGet();
                        boolean open = PUBLIC.contains(probe.route());
                        if ((!open && answer.status() < 300) || answer.status() >= 500) {
                            failures.add(answer.status() + " for " + probe.method() + " " + probe.target() + " with "
                                    + probe.headers().keySet());
                        }
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    } finally {
                        concurrency.release();
                    }
                });
            }
        }
        assertThat(sent.get()).isEqualTo(probes.size());
        assertThat(failures).as("answers that are 2xx or 5xx").isEmpty();
    }

    @Test
    void theReviewedBypassesAreRefused() {
        assertThat(RawHttp.send(port, "GET", "/%70latform/v1/invoices?period=2026-11", Map.of(), null)
                        .status())
                .isEqualTo(401);
        assertThat(RawHttp.send(port, "POST", "/%70latform/v1/agent-definitions", Map.of(), "{}")
                        .status())
                .isEqualTo(401);
        assertThat(RawHttp.send(port, "GET", "/platform;x=1/v1/agent-definitions", Map.of(), null)
                        .status())
                .isEqualTo(400);
        assertThat(RawHttp.send(port, "GET", "/platform/%761/agent-definitions", Map.of(), null)
                        .status())
                .isEqualTo(401);
        assertThat(RawHttp.send(port, "GET", "/v1;a=b/organization", Map.of(), null)
                        .status())
                .isEqualTo(400);
        assertThat(RawHttp.send(port, "POST", "/%77idget/v1/conversations", Map.of(), "{}")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aRefusedPathAnswersAProblem() {
        var answer = RawHttp.send(port, "GET", "/v1/stores/%2e%2e/organization", Map.of(), null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text()).contains("application/problem+json").contains("\"code\":\"malformed_url\"");
    }

    @Test
    void invalidUtf8InTheQueryStringIsRefused() {
        var org = fixtures.organization(Tier.BASIC);
        var auth = Map.of("Authorization", "Bearer " + org.liveKey());

        assertThat(RawHttp.send(port, "GET", "/v1/stores?limit=%ED%A0%80", auth, null)
                        .status())
                .isEqualTo(400);
        assertThat(RawHttp.send(port, "GET", "/v1/stores?limit=%C3", auth, null).status())
                .isEqualTo(400);
        assertThat(RawHttp.send(port, "GET", "/v1/stores?limit=%zz", auth, null).status())
                .isEqualTo(400);
        assertThat(RawHttp.send(port, "GET", "/v1/stores?limit=1%00", auth, null)
                        .status())
                .isEqualTo(400);
        assertThat(RawHttp.send(port, "GET", "/v1/stores?limit=5", auth, null).status())
                .isEqualTo(200);
    }

    record Probe(String route, String method, String target, Map<String, String> headers) {}

    /** The path with its variables filled in with plausible values. */
    static String concrete(String template) {
        return template.replaceAll("\\{period}", "2026-11")
                .replaceAll("\\{number}", "A1")
                .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    /** Spellings of one path that a lenient server might read as that path. */
    static List<String> spellings(String path) {
        String[] segments = path.substring(1).split("/");
        List<String> spellings = new ArrayList<>();
        spellings.add(path);
        for (int i = 0; i < segments.length; i++) {
            spellings.add(withSegment(segments, i, percentEncodeFirstLetter(segments[i])));
            spellings.add(withSegment(segments, i, segments[i] + ";x=1"));
        }
        String head = "/" + segments[0];
        String tail = path.substring(head.length()); // "" or "/…"
        String rest = tail.isEmpty() ? "" : tail.substring(1);
        spellings.add("/" + path);
        spellings.add(head + "//" + rest);
        spellings.add(head + "/." + tail);
        spellings.add(head + "/x/.." + tail);
        spellings.add(head + "/%2e" + tail);
        spellings.add(path + "/");
        spellings.add(path + "/.");
        spellings.add(head.toUpperCase(Locale.ROOT) + tail);
        spellings.add(path.toUpperCase(Locale.ROOT));
        spellings.add(head + "%2F" + rest);
        spellings.add(head + "%5C" + rest);
        spellings.add(head + "%252F" + rest);
        spellings.add(path.replaceFirst("/([^/]+)$", "/$1%C3%A9"));
        spellings.add("/x/.." + path);
        return spellings;
    }

    private static String withSegment(String[] segments, int index, String replacement) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            path.append('/').append(i == index ? replacement : segments[i]);
        }
        return path.toString();
    }

    private static String percentEncodeFirstLetter(String segment) {
        char first = segment.charAt(0);
        return String.format("%%%02X", (int) first) + segment.substring(1);
    }
}
