package io.supportagent.apikeys;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.supportagent.platform.ApiKeyId;
import io.supportagent.platform.Caller;
import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.web.ApiTags;
import io.supportagent.platform.web.Pagination;
import io.supportagent.platform.web.ProblemResponse;
import io.supportagent.platform.web.RequestExample;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organization's own keys: {@code POST/GET /v1/api-keys}, {@code GET/DELETE /v1/api-keys/{id}},
 * {@code POST /v1/api-keys/{id}/roll}. Everything runs under the caller's tenant; other organizations' ids answer 404.
 */
@RestController
@Tag(name = ApiTags.API_KEYS)
class ApiKeyController {

    static final long DEFAULT_ROLL_OVERLAP_SECONDS = 86_400;

    private final ApiKeyService keys;
    private final Clock clock;

    ApiKeyController(ApiKeyService keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    record CreateApiKey(
            @NotBlank @Size(max = 100) String name,

            @Pattern(regexp = "live|test", message = "must be live or test")
            String mode) {

        /** Spring logs request bodies at DEBUG: a key pasted into the name must not get there. */
        @Override
        public String toString() {
            return "CreateApiKey[name=" + KeyFormat.redact(name) + ", mode=" + KeyFormat.redact(mode) + "]";
        }
    }

    record RollApiKey(@PositiveOrZero @Max(2_592_000) Long expiresInSeconds) {}

    record ApiKeyList(String object, List<ApiKeyView> data, boolean hasMore) {}

    /** The new key, with the key it replaced (and that key's new expiry) as {@code previous}. */
    record RolledView(@JsonUnwrapped ApiKeyView key, ApiKeyView previous) {}

    @Operation(
            operationId = "createApiKey",
            summary = "Issue a secret key",
            description = "Issues a live or test key (a test key issues only test keys). The answer's `secret` is the"
                    + " key itself, shown this once: it is stored hashed and never shown again.")
    @RequestExample("""
            {"name": "Order sync", "mode": "live"}""")
    @ProblemResponse(status = 403, codes = "live_mode_required")
    @PostMapping("/v1/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    ApiKeyView create(Caller.SecretKey caller, @Valid @RequestBody CreateApiKey body) {
        IssuedKey issued = keys.create(body.name().strip(), body.mode());
        return ApiKeyView.of(issued.key(), clock.instant(), issued.secret());
    }

    @Operation(
            operationId = "listApiKeys",
            summary = "List secret keys",
            description = "The organization's keys of the caller's mode, newest first, without their secrets.")
    @GetMapping("/v1/api-keys")
    ApiKeyList list(
            Caller.SecretKey caller,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        ApiKeyId after = Pagination.id("starting_after", startingAfter, ApiKeyId::new);
        List<OrganizationApiKey> page = keys.list(limit + 1, after);
        Instant now = clock.instant();
        return new ApiKeyList(
                "list",
                page.stream().limit(limit).map(k -> ApiKeyView.of(k, now)).toList(),
                page.size() > limit);
    }

    @Operation(operationId = "getApiKey", summary = "Get a secret key", description = "One key, without its secret.")
    @GetMapping("/v1/api-keys/{id}")
    ApiKeyView get(Caller.SecretKey caller, @PathVariable String id) {
        return ApiKeyView.of(keys.get(ApiKeyId.parse(id)), clock.instant());
    }

    @Operation(
            operationId = "revokeApiKey",
            summary = "Revoke a secret key",
            description = "The key stops working at once, on every node: 401 `api_key_revoked` from then on.")
    @DeleteMapping("/v1/api-keys/{id}")
    ApiKeyView revoke(Caller.SecretKey caller, @PathVariable String id) {
        return ApiKeyView.of(keys.revoke(ApiKeyId.parse(id)), clock.instant());
    }

    /** Answers the new key (with its {@code secret}, once) and, as {@code previous}, the old key's new expiry. */
    @Operation(
            operationId = "rollApiKey",
            summary = "Roll a secret key",
            description = "Issues a new key (its `secret` shown this once) and lets the old one work on for"
                    + " `expires_in_seconds` (default a day, at most 30 days, 0: stop now), so that systems can"
                    + " switch without downtime. `previous` is the old key with its new expiry.")
    @RequestExample("""
            {"expires_in_seconds": 3600}""")
    @ProblemResponse(status = 409, codes = "api_key_inactive")
    @PostMapping("/v1/api-keys/{id}/roll")
    @ResponseStatus(HttpStatus.CREATED)
    RolledView roll(
            Caller.SecretKey caller, @PathVariable String id, @Valid @RequestBody(required = false) RollApiKey body) {
        long seconds = body == null || body.expiresInSeconds() == null
                ? DEFAULT_ROLL_OVERLAP_SECONDS
                : body.expiresInSeconds();
        ApiKeyService.Rolled rolled = keys.roll(ApiKeyId.parse(id), Duration.ofSeconds(seconds));
        Instant now = clock.instant();
        return new RolledView(
                ApiKeyView.of(rolled.issued().key(), now, rolled.issued().secret()),
                ApiKeyView.of(rolled.previous(), now));
    }
}
