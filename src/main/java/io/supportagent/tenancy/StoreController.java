package io.supportagent.tenancy;

import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.web.ApiTags;
import io.supportagent.platform.web.CleanText;
import io.supportagent.platform.web.ListPage;
import io.supportagent.platform.web.Pagination;
import io.supportagent.platform.web.ProblemResponse;
import io.supportagent.platform.web.RequestExample;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/stores}: the organization's stores (their number limited by the tier). */
@RestController
@Tag(name = ApiTags.STORES)
class StoreController {

    static final String DOMAIN =
            "^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$";
    static final int MAX_ORIGINS = 50;

    static final String ORIGINS_TEXT =
            "The websites (http(s), host, optional port) whose pages may embed the chat widget; duplicates count once.";

    /**
     * What {@link #origins} takes, as the API description says it: scheme, host name and an optional port (the
     * checks there also take IP addresses; the description names the common case).
     */
    static final String ORIGIN = "^[Hh][Tt][Tt][Pp][Ss]?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*"
            + "[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?::[0-9]{1,5})?$";

    private final TenancyService tenancy;

    StoreController(TenancyService tenancy) {
        this.tenancy = tenancy;
    }

    record CreateStore(
            @NotBlank @Size(max = 200) String name,

            @Pattern(regexp = DOMAIN, message = "must be a host name such as shop.example.com")
            String domain,

            @ArraySchema(
                    schema = @Schema(pattern = ORIGIN, maxLength = 300, example = "https://shop.example.com"),
                    arraySchema = @Schema(description = ORIGINS_TEXT))
            @Size(max = MAX_ORIGINS)
            List<String> allowedOrigins) {}

    record UpdateStore(
            @Size(min = 1, max = 200) @Pattern(regexp = CleanText.NOT_BLANK, message = "must not be blank")
            String name,

            @Pattern(regexp = DOMAIN, message = "must be a host name such as shop.example.com")
            String domain,

            @ArraySchema(
                    schema = @Schema(pattern = ORIGIN, maxLength = 300, example = "https://shop.example.com"),
                    arraySchema = @Schema(description = ORIGINS_TEXT))
            @Size(max = MAX_ORIGINS)
            List<String> allowedOrigins,

            Boolean serverRequestsAllowed) {}

    record StoreView(
            String id,
            String object,
            String name,
            String domain,
            List<String> allowedOrigins,
            boolean serverRequestsAllowed,
            Instant createdAt,
            Instant updatedAt) {

        static StoreView of(Store s) {
            return new StoreView(
                    s.id().toString(),
                    "store",
                    s.name(),
                    s.domain(),
                    s.allowedOrigins(),
                    s.serverRequestsAllowed(),
                    s.createdAt(),
                    s.updatedAt());
        }
    }

    record Deleted(String id, String object, boolean deleted) {}

    @Operation(
            operationId = "createStore",
            summary = "Create a store",
            description = "Creates one of the organization's online stores. `allowed_origins` are the websites"
                    + " (scheme, host, optional port) whose pages may embed its agents' chat widget. The tier limits"
                    + " the number of stores (basic 1, pro 10): beyond, 403 `tier_limit_reached`. A live key only:"
                    + " stores are shared by live and test mode.")
    @RequestExample("""
            {"name": "Trail Outfitters", "domain": "shop.trail-outfitters.com",
             "allowed_origins": ["https://shop.trail-outfitters.com"]}""")
    @ProblemResponse(
            status = 403,
            codes = {"tier_limit_reached", "live_mode_required"})
    @PostMapping("/v1/stores")
    @ResponseStatus(HttpStatus.CREATED)
    StoreView create(@Valid @RequestBody CreateStore body) {
        List<String> origins = origins(body.allowedOrigins());
        return StoreView.of(
                tenancy.createStore(body.name().strip(), lower(body.domain()), origins == null ? List.of() : origins));
    }

    @Operation(
            operationId = "listStores",
            summary = "List stores",
            description = "The organization's stores, newest first, a page at a time.")
    @GetMapping("/v1/stores")
    ListPage<StoreView> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        int size = Pagination.limit(limit);
        StoreId after = Pagination.id("starting_after", startingAfter, StoreId::new);
        return ListPage.of(
                tenancy.stores(size + 1, after).stream().map(StoreView::of).toList(), size, "/v1/stores");
    }

    @Operation(operationId = "getStore", summary = "Get a store", description = "One of the organization's stores.")
    @GetMapping("/v1/stores/{id}")
    StoreView get(@PathVariable String id) {
        return StoreView.of(tenancy.store(StoreId.parse(id)));
    }

    @Operation(
            operationId = "updateStore",
            summary = "Update a store",
            description = "Changes the fields sent; those left out stay as they are. `allowed_origins` replaces the"
                    + " whole list. A live key only.")
    @RequestExample(value = """
            {"allowed_origins": ["https://shop.trail-outfitters.com", "https://www.trail-outfitters.com"]}""", summary = "Allow a second website")
    @ProblemResponse(status = 403, codes = "live_mode_required")
    @PatchMapping("/v1/stores/{id}")
    StoreView update(@PathVariable String id, @Valid @RequestBody UpdateStore body) {
        StoreId storeId = StoreId.parse(id);
        return StoreView.of(tenancy.updateStore(
                storeId,
                body.name() == null ? null : body.name().strip(),
                lower(body.domain()),
                origins(body.allowedOrigins()),
                body.serverRequestsAllowed()));
    }

    @Operation(
            operationId = "deleteStore",
            summary = "Delete a store",
            description = "Deletes the store with its agent instances, their widget keys and its conversations."
                    + " Usage already counted stays counted (and stays in the usage ledger). A live key only.")
    @ProblemResponse(status = 403, codes = "live_mode_required")
    @DeleteMapping("/v1/stores/{id}")
    Deleted delete(@PathVariable String id) {
        StoreId storeId = StoreId.parse(id);
        tenancy.deleteStore(storeId);
        return new Deleted(storeId.toString(), "store", true);
    }

    private static String lower(String domain) {
        return domain == null ? null : domain.toLowerCase(Locale.ROOT);
    }

    /** Origins as browsers send them: scheme, host and an optional port, nothing else; normalised to lower case. */
    static List<String> origins(List<String> given) {
        if (given == null) {
            return null;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> normalised = new java.util.ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String origin = given.get(i);
            String valid = origin == null ? null : origin(origin);
            if (valid == null) {
                errors.put("allowed_origins[" + i + "]", "must be an http(s) origin such as https://shop.example.com");
            } else if (!normalised.contains(valid)) {
                normalised.add(valid);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest("The request has invalid fields.", errors);
        }
        return normalised;
    }

    private static String origin(String text) {
        if (text.length() > 300) {
            return null;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
                return null;
            }
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                    + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
