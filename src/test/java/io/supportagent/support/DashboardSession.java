package io.supportagent.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's view of the dashboard for HTTP tests: it keeps the session cookie, never follows redirects on its own
 * (tests look at them), and sends the CSRF token of the last page it read with every form, as a browser submitting
 * that page's form would. {@link #signIn} signs in through the real form.
 */
public final class DashboardSession {

    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    private final String base;
    /** Cookies by name, as the server set them (a browser's jar for one host, without expiry dates). */
    private final Map<String, String> cookies = new LinkedHashMap<>();

    private final HttpClient client;
    private String csrf;

    private DashboardSession(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A browser with no session yet. */
    public static DashboardSession anonymous(int port) {
        return new DashboardSession(port);
    }

    /** A browser signed in as this person (asserting that signing in worked). */
    public static DashboardSession signedIn(int port, MemberFixtures.Person person) {
        DashboardSession session = new DashboardSession(port);
        Page done = session.signIn(person.email(), person.password());
        assertThat(done.status()).as(done.toString()).isEqualTo(302);
        assertThat(done.location()).as("signed in").doesNotContain("/login");
        return session;
    }

    /** Opens the sign-in page and posts the form; answers the form's redirect. */
    public Page signIn(String email, String password) {
        get("/login");
        return post("/login", Map.of("email", email, "password", password));
    }

    public record Page(int status, String body, HttpResponse<String> raw) {

        public String location() {
            return raw.headers().firstValue("Location").orElse(null);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " "
                    + (location() != null ? "→ " + location() : body.length() > 600 ? body.substring(0, 600) : body);
        }
    }

    public Page get(String path) {
        return get(path, "text/html");
    }

    /** A GET as a page's script makes it (fetch with its own {@code Accept}, such as JSON). */
    public Page get(String path, String accept) {
        return send(HttpRequest.newBuilder(uri(path)).GET().header("Accept", accept));
    }

    /** A GET as htmx makes it (with {@code HX-Request: true}), whose answer lands inside the page. */
    public Page getAsHtmx(String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .GET()
                .header("Accept", "text/html")
                .header("HX-Request", "true"));
    }

    /** Follows a redirect answer (one hop). */
    public Page follow(Page redirect) {
        assertThat(redirect.location()).as(redirect.toString()).isNotNull();
        return get(redirect.location());
    }

    /** Posts a form with the CSRF token of the last page read (reading the sign-in page first if none was). */
    public Page post(String path, Map<String, String> form) {
        if (csrf == null) {
            get("/login");
        }
        Map<String, String> fields = new LinkedHashMap<>(form);
        fields.putIfAbsent("_csrf", csrf);
        return postWithoutToken(path, fields);
    }

    /** Posts exactly these fields: no CSRF token unless one is among them. */
    public Page postWithoutToken(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Posts a form body exactly as given, already encoded (for bytes no encoder would produce, such as invalid
     * UTF-8), with the CSRF token of the last page read appended.
     */
    public Page postEncoded(String path, String encodedBody) {
        if (csrf == null) {
            get("/login");
        }
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(encodedBody + "&_csrf=" + encode(csrf))));
    }

    /** Posts a file as a multipart form ({@code file} field), with the CSRF token of the last page read. */
    public Page upload(String path, String fileName, byte[] content) {
        return upload(path, fileName, content, true);
    }

    /** As {@link #upload(String, String, byte[])}, with or without the CSRF token. */
    public Page upload(String path, String fileName, byte[] content, boolean withToken) {
        if (csrf == null) {
            get("/login");
        }
        String boundary =
                "----dashboard" + java.util.UUID.randomUUID().toString().replace("-", "");
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        if (withToken) {
            body.writeBytes(
                    ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n")
                            .getBytes(utf8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(utf8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(utf8));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /**
     * Any request as a page's script makes it (htmx, fetch): this method, these headers, an empty body, and the CSRF
     * token of the last page read in its header.
     */
    public Page request(String method, String path, Map<String, String> headers) {
        if (csrf == null) {
            get("/login");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("X-CSRF-TOKEN", csrf);
        headers.forEach(request::header);
        return send(request);
    }

    /** The session cookie's value, or null. */
    public String sessionCookie() {
        return cookies.get("SESSION");
    }

    /** Puts a session cookie into this browser, as a thief who copied it would. */
    public void useSessionCookie(String value) {
        cookies.clear();
        cookies.put("SESSION", value);
    }

    public String csrfToken() {
        return csrf;
    }

    private Page send(HttpRequest.Builder request) {
        try {
            if (!cookies.isEmpty()) {
                request.header(
                        "Cookie",
                        cookies.entrySet().stream()
                                .map(c -> c.getKey() + "=" + c.getValue())
                                .collect(Collectors.joining("; ")));
            }
            HttpResponse<String> response =
                    client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int equals = pair.indexOf('=');
                String name = pair.substring(0, equals).strip();
                String value = pair.substring(equals + 1).strip();
                if (value.isEmpty() || set.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            Matcher input = CSRF_INPUT.matcher(response.body());
            Matcher meta = CSRF_META.matcher(response.body());
            if (meta.find()) {
                csrf = meta.group(1);
            } else if (input.find()) {
                csrf = input.group(1);
            }
            return new Page(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : base + path);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
