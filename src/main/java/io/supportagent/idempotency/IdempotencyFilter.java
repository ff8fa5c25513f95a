package io.supportagent.idempotency;

import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.Caller;
import io.supportagent.platform.CallerAuthentication;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.OneTimeSecrets;
import io.supportagent.platform.web.CachedBodyRequest;
import io.supportagent.platform.web.ProblemWriter;
import io.supportagent.platform.web.WebPipeline;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code Idempotency-Key} on every POST of the organization API ({@code /v1}), the widget API ({@code /widget/v1})
 * and the platform API ({@code /platform/v1}). Runs after authentication, so the caller is known. The first request
 * with a key runs and its answer is stored (2xx and 4xx other than 409 and 429: answers that a retry would get
 * again); a retry with the same key and parameters gets that answer replayed with {@code Idempotent-Replayed: true}.
 * The same key with other parameters answers 422 {@code idempotency_key_reused}; while the first request still runs,
 * 409 {@code idempotency_key_in_use}. Keys are kept 24 hours, per organization and mode on the organization API, per
 * organization on the widget API (apart from the organization API's), and in one operator scope on the platform API.
 *
 * <p>The parameters are the method, the path, the SHA-256 of the body and whether an event stream is asked for; on
 * the widget API also the agent instance and the conversation token, as the widget authorizes per conversation and a
 * replay must not hand one shopper's answer to another. An event stream reaches the client as it is written and is
 * replayed whole ({@link RecordingResponse}).
 */
@Component
@Order(WebPipeline.IDEMPOTENCY)
class IdempotencyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;
    private static final String[] KEPT_HEADERS = {"Content-Type", "Location"};
    /** The widget's per-conversation credential (widget module); part of a widget request's parameters. */
    private static final String CONVERSATION_TOKEN = "X-Conversation-Token";

    private final IdempotencyKeys keys;
    private final PlatformIdempotencyKeys platformKeys;
    private final IdempotencySettings settings;
    private final ProblemWriter problems;
    private final ObjectMapper json;
    private final PlatformTransactionManager transactions;
    private final WorkLeases leases;

    IdempotencyFilter(
            IdempotencyKeys keys,
            PlatformIdempotencyKeys platformKeys,
            IdempotencySettings settings,
            ProblemWriter problems,
            ObjectMapper json,
            PlatformTransactionManager transactions,
            WorkLeases leases) {
        this.transactions = transactions;
        this.leases = leases;
        this.keys = keys;
        this.platformKeys = platformKeys;
        this.settings = settings;
        this.problems = problems;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    /** Whose keys this request uses, from the caller its security chain verified; none without one. */
    private KeyScope scope(HttpServletRequest request, HttpServletResponse response) {
        Caller caller = CallerAuthentication.current().orElse(null);
        IdempotencyKeys.OfTenant tenantKeys = null;
        if (caller instanceof Caller.SecretKey secretKey) {
            tenantKeys = new IdempotencyKeys.OfTenant(keys, secretKey.tenant(), IdempotencyKeys.Api.ORGANIZATION);
        }
        if (caller instanceof Caller.Widget widget) {
            tenantKeys = new IdempotencyKeys.OfTenant(keys, widget.tenant(), IdempotencyKeys.Api.WIDGET);
        }
        if (tenantKeys != null) {
            if (InOneTransaction.covers(request)) {
                return new InOneTransaction(tenantKeys, transactions);
            }
            if (WithTheWork.covers(request)) {
                return new WithTheWork(tenantKeys, leases, settings.workLease(), response);
            }
            return tenantKeys;
        }
        return caller instanceof Caller.Operator ? platformKeys : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        KeyScope scope = scope(request, response);
        if (scope == null) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER);
        try {
            if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
                throw new InvalidRequest(
                        "The Idempotency-Key header must hold 1 to " + MAX_KEY_LENGTH + " characters.",
                        Map.of(HEADER, "must hold 1 to " + MAX_KEY_LENGTH + " characters"));
            }
            String fingerprint = fingerprint(request);
            if (!scope.claim(key, fingerprint, settings.retention(), settings.inFlightTimeout())) {
                StoredKey stored = scope.find(key).orElse(null);
                if (stored == null) {
                    // Released between our claim and this read: the first request failed; ask for a retry.
                    throw new KeyInUse();
                }
                if (!stored.fingerprint().equals(fingerprint)) {
                    throw new KeyReused();
                }
                if (!stored.completed()) {
                    throw new KeyInUse();
                }
                replay(stored, response);
                return;
            }
        } catch (ApiProblem problem) {
            problems.write(response, problem);
            return;
        }
        run(request, response, chain, scope, key);
    }

    private void run(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain, KeyScope scope, String key)
            throws ServletException, IOException {
        RecordingResponse recording = new RecordingResponse(response);
        boolean stored = false;
        WithTheWork work = scope instanceof WithTheWork w ? w : null;
        try {
            IdempotentStarts.serving(work);
            try {
                chain.doFilter(request, recording);
            } finally {
                IdempotentStarts.serving(null);
            }
            int status = recording.getStatus();
            if (replayable(status)) {
                Map<String, String> headers = new LinkedHashMap<>();
                for (String name : KEPT_HEADERS) {
                    String value = recording.getHeader(name);
                    if (value != null) {
                        headers.put(name, value);
                    }
                }
                try {
                    scope.complete(key, status, json.writeValueAsString(headers), withoutSecrets(recording.recorded()));
                } catch (RuntimeException e) {
                    // Not stored, perhaps not even done (committed with the answer): this answer must not go out.
                    recording.discard();
                    throw e;
                }
                stored = true;
            }
        } finally {
            try {
                if (!stored) {
                    scope.release(key);
                }
            } catch (RuntimeException e) {
                // The database is away: the key frees itself after the in-flight timeout; the answer still goes out.
                log.warn("Could not release an idempotency key: {}", e.toString());
            } finally {
                if (work != null) {
                    work.end();
                }
                recording.finish();
            }
        }
    }

    /**
     * The answer as stored for replays, with every one-time secret in it ({@link OneTimeSecrets}: secret keys,
     * conversation tokens, webhook and identity secrets) set to null, in a JSON body and in each {@code data:} line of
     * an event stream: such a secret is shown exactly once and is otherwise kept only as a hash (or only where it
     * signs), so a replay confirms the creation without showing the secret again.
     */
    byte[] withoutSecrets(byte[] body) {
        if (body.length == 0) {
            return body;
        }
        if (body[0] == '{') {
            JsonNode tree = readJson(new String(body, StandardCharsets.UTF_8));
            return tree != null && maskSecrets(tree) ? json.writeValueAsBytes(tree) : body;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.startsWith("event:") && !text.startsWith("data:") && !text.startsWith(":")) {
            return body;
        }
        boolean masked = false;
        StringBuilder stream = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            JsonNode data =
                    line.startsWith("data:") ? readJson(line.substring(5).strip()) : null;
            if (data != null && maskSecrets(data)) {
                stream.append("data:").append(json.writeValueAsString(data));
                masked = true;
            } else {
                stream.append(line);
            }
            stream.append('\n');
        }
        stream.setLength(stream.length() - 1);
        return masked ? stream.toString().getBytes(StandardCharsets.UTF_8) : body;
    }

    private JsonNode readJson(String text) {
        if (!text.startsWith("{")) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static boolean maskSecrets(JsonNode node) {
        boolean masked = false;
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                if (value.isString() && OneTimeSecrets.isOneTimeSecret(value.asString())) {
                    object.putNull(name);
                    masked = true;
                }
            }
        }
        for (JsonNode child : node) {
            masked |= maskSecrets(child);
        }
        return masked;
    }

    /** Answers a retry would get again; a conflict, a rate limit or a server error may go away, so never stored. */
    static boolean replayable(int status) {
        return status >= 200 && status < 300 || status >= 400 && status < 500 && status != 409 && status != 429;
    }

    private void replay(StoredKey stored, HttpServletResponse response) throws IOException {
        Map<String, String> headers = stored.headersJson() == null
                ? Map.of()
                : json.readValue(stored.headersJson(), new TypeReference<Map<String, String>>() {});
        response.setStatus(stored.status());
        headers.forEach(response::setHeader);
        response.setHeader(REPLAYED, "true");
        byte[] body = stored.body() == null ? new byte[0] : stored.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static String fingerprint(HttpServletRequest request) {
        StringBuilder fingerprint = new StringBuilder()
                .append(request.getMethod())
                .append(' ')
                .append(request.getRequestURI())
                .append(' ')
                .append(sha256(CachedBodyRequest.body(request)));
        String accept = request.getHeader("Accept");
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/event-stream")) {
            fingerprint.append(" stream"); // the same message asked for as JSON is another request
        }
        if (CallerAuthentication.current().orElse(null) instanceof Caller.Widget widget) {
            String token = request.getHeader(CONVERSATION_TOKEN);
            fingerprint
                    .append(" widget ")
                    .append(sha256((widget.agentInstanceId() + " " + (token == null ? "" : token))
                            .getBytes(StandardCharsets.UTF_8)));
        }
        return fingerprint.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 422 {@code idempotency_key_reused}. */
    static final class KeyReused extends ApiProblem {
        KeyReused() {
            super(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "idempotency_key_reused",
                    "Idempotency key reused",
                    "This Idempotency-Key was used with other parameters; use a new key for a new request.");
        }
    }
}
