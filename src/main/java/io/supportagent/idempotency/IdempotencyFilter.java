package io.supportagent.idempotency;

import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.Caller;
import io.supportagent.platform.Conflict;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.web.CachedBodyRequest;
import io.supportagent.platform.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code Idempotency-Key} on every POST of the organization API. The first request with a key runs and its answer
 * is stored (2xx and 4xx other than 409 and 429: answers that a retry would get again); a retry with the same key and
 * parameters (method, path and SHA-256 of the body) gets that answer replayed with {@code Idempotent-Replayed: true}.
 * The same key with other parameters answers 422 {@code idempotency_key_reused}; while the first request still runs,
 * 409 {@code idempotency_key_in_use}. Keys are per organization and mode and kept 24 hours.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;
    private static final String[] KEPT_HEADERS = {"Content-Type", "Location"};

    private final IdempotencyKeys keys;
    private final IdempotencySettings settings;
    private final ProblemWriter problems;
    private final ObjectMapper json;

    IdempotencyFilter(IdempotencyKeys keys, IdempotencySettings settings, ProblemWriter problems, ObjectMapper json) {
        this.keys = keys;
        this.settings = settings;
        this.problems = problems;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !request.getRequestURI().startsWith("/v1/")
                || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(request.getAttribute(Caller.ATTRIBUTE) instanceof Caller.SecretKey caller)) {
            chain.doFilter(request, response);
            return;
        }
        Tenant tenant = caller.tenant();
        String key = request.getHeader(HEADER);
        try {
            if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
                throw new InvalidRequest(
                        "The Idempotency-Key header must hold 1 to " + MAX_KEY_LENGTH + " characters.",
                        Map.of(HEADER, "must hold 1 to " + MAX_KEY_LENGTH + " characters"));
            }
            String fingerprint = fingerprint(request);
            if (!keys.claim(tenant, key, fingerprint, settings.retention(), settings.inFlightTimeout())) {
                StoredKey stored = keys.find(tenant, key).orElse(null);
                if (stored == null) {
                    // Released between our claim and this read: the first request failed; ask for a retry.
                    throw new Conflict("idempotency_key_in_use", "A request with this Idempotency-Key is in progress.");
                }
                if (!stored.fingerprint().equals(fingerprint)) {
                    throw new KeyReused();
                }
                if (!stored.completed()) {
                    throw new Conflict(
                            "idempotency_key_in_use",
                            "A request with this Idempotency-Key is still in progress; retry when it has finished.");
                }
                replay(stored, response);
                return;
            }
        } catch (ApiProblem problem) {
            problems.write(response, problem);
            return;
        }
        run(request, response, chain, tenant, key);
    }

    private void run(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain, Tenant tenant, String key)
            throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(request, captured);
            int status = captured.getStatus();
            if (replayable(status)) {
                Map<String, String> headers = new LinkedHashMap<>();
                for (String name : KEPT_HEADERS) {
                    String value = captured.getHeader(name);
                    if (value != null) {
                        headers.put(name, value);
                    }
                }
                keys.complete(
                        tenant,
                        key,
                        status,
                        json.writeValueAsString(headers),
                        withoutSecretKeys(captured.getContentAsByteArray()));
                stored = true;
            }
        } finally {
            if (!stored) {
                keys.release(tenant, key);
            }
            captured.copyBodyToResponse();
        }
    }

    /**
     * The answer as stored for replays, with every secret API key in it (a {@code secret} member holding an
     * {@code sk_live_}/{@code sk_test_} key) set to null: a secret key is shown exactly once and is otherwise kept
     * only as a bcrypt hash, so a replay confirms the creation without showing the key again.
     */
    byte[] withoutSecretKeys(byte[] body) {
        if (body.length == 0 || body[0] != '{') {
            return body;
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (RuntimeException notJson) {
            return body;
        }
        return maskSecretKeys(tree) ? json.writeValueAsBytes(tree) : body;
    }

    private static boolean maskSecretKeys(JsonNode node) {
        boolean masked = false;
        if (node instanceof ObjectNode object) {
            JsonNode secret = object.get("secret");
            if (secret != null
                    && secret.isString()
                    && KeyFormat.parse(secret.asString())
                            .filter(k -> k.type() != KeyFormat.Type.WIDGET)
                            .isPresent()) {
                object.putNull("secret");
                masked = true;
            }
        }
        for (JsonNode child : node) {
            masked |= maskSecretKeys(child);
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
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(CachedBodyRequest.body(request));
            String bodyHash = HexFormat.of().formatHex(sha.digest());
            return request.getMethod() + " " + request.getRequestURI() + " " + bodyHash;
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
