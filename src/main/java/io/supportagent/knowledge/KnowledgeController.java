package io.supportagent.knowledge;

import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.web.ApiTags;
import io.supportagent.platform.web.ProblemResponse;
import io.supportagent.platform.web.RequestExample;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/stores/{id}/articles} and {@code /v1/stores/{id}/orders/{number}}: what the agent answers from. */
@RestController
@Tag(name = ApiTags.KNOWLEDGE)
class KnowledgeController {

    static final int MAX_BULK = 500;
    /** An order number as a store writes it; the document states the rule the handler checks. */
    private static final String ORDER_NUMBER_RULE = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    private static final String ORDER_NUMBER_TEXT =
            "The store's order number: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.";

    private static final Pattern ORDER_NUMBER = Pattern.compile(ORDER_NUMBER_RULE);
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    /**
     * What {@link #url} takes, as the API description says it: an http(s) URL, around it what {@code strip()}
     * removes; blank is the same as left out. (Its URL excludes ECMA-262's spaces, a few more than Java's.)
     */
    static final String HTTP_URL = "^[\\t-\\r\\x1C-\\x20]*(?:https?://[^\\s\\x00]+)?[\\t-\\r\\x1C-\\x20]*$";

    private final KnowledgeService knowledge;

    KnowledgeController(KnowledgeService knowledge) {
        this.knowledge = knowledge;
    }

    /** One article ({@code title}, {@code body}, {@code url}) or many at once ({@code articles}). */
    record ArticlesRequest(
            @Size(max = 300) String title,
            @Size(max = 100_000) String body,
            @Size(max = 2000) String url,

            @Schema(
                    description = "Whether the agent answers from the article (default true); false keeps it"
                            + " in the store's knowledge for people only.")
            Boolean aiEnabled,

            @Size(max = MAX_BULK) List<@Valid @NotNull ArticleInput> articles) {}

    record ArticleInput(
            @NotBlank @Size(max = 300) String title,
            @NotBlank @Size(max = 100_000) String body,

            @Schema(
                    pattern = HTTP_URL,
                    example = "https://shop.example.com/help/shipping",
                    description = "An http(s) URL; blank is the same as left out.")
            @Size(max = 2000)
            String url,

            @Schema(
                    description = "Whether the agent answers from the article (default true); false keeps it"
                            + " in the store's knowledge for people only.")
            Boolean aiEnabled) {

        boolean ai() {
            return aiEnabled == null || aiEnabled;
        }
    }

    /** Many articles at once, for the API description (read as an {@link ArticlesRequest}). */
    record ArticleBatch(
            @ArraySchema(
                    minItems = 1,
                    maxItems = MAX_BULK,
                    arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED))
            List<ArticleInput> articles) {}

    record ArticleView(
            String id,

            @Schema(allowableValues = "article", requiredMode = Schema.RequiredMode.REQUIRED)
            String object,

            String storeId,
            String title,
            String body,
            String url,
            Double relevance,
            Instant createdAt,
            Instant updatedAt,
            boolean aiEnabled) {

        static ArticleView of(Article a, Double relevance) {
            return new ArticleView(
                    a.id().toString(),
                    "article",
                    a.storeId().toString(),
                    a.title(),
                    a.body(),
                    a.url(),
                    relevance,
                    a.createdAt(),
                    a.updatedAt(),
                    a.aiEnabled());
        }
    }

    record ListView<T>(String object, List<T> data, boolean hasMore) {}

    /** Several articles, for the API description (the answer is a {@link ListView}). */
    record ArticleList(
            @Schema(allowableValues = "list", requiredMode = Schema.RequiredMode.REQUIRED)
            String object,

            List<ArticleView> data,
            boolean hasMore) {}

    @Operation(
            operationId = "addArticles",
            summary = "Add knowledge articles to a store",
            description = "One article (`title`, `body`, `url`) answers the article; many at once (`articles`, up to"
                    + " 500) answer them as a list. The agent searches them to answer shoppers and cites them. A live"
                    + " key only: articles are shared by live and test mode.",
            responses =
                    @ApiResponse(
                            responseCode = "201",
                            description = "The article, or the list of articles added",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(oneOf = {ArticleView.class, ArticleList.class}))))
    @RequestExample("""
            {"title": "Shipping times", "body": "Orders ship within 2 business days; delivery takes 3 to 5 days.",
             "url": "https://shop.trail-outfitters.com/help/shipping"}""")
    @ProblemResponse(status = 403, codes = "live_mode_required")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true,
            description = "One article, or many as `articles` (1 to 500), not both.",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(oneOf = {ArticleInput.class, ArticleBatch.class})))
    @PostMapping("/v1/stores/{storeId}/articles")
    ResponseEntity<Object> add(@PathVariable String storeId, @Valid @RequestBody ArticlesRequest request) {
        StoreId store = StoreId.parse(storeId);
        boolean single = request.articles() == null;
        List<NewArticle> added = new ArrayList<>();
        if (single) {
            Map<String, String> errors = new LinkedHashMap<>();
            if (request.title() == null || request.title().isBlank()) {
                errors.put("title", "must not be blank");
            }
            if (request.body() == null || request.body().isBlank()) {
                errors.put("body", "must not be blank");
            }
            if (!errors.isEmpty()) {
                throw new InvalidRequest("Send one article (title, body, url) or many as 'articles'.", errors);
            }
            added.add(new NewArticle(
                    request.title().strip(),
                    request.body().strip(),
                    url(request.url(), "url"),
                    request.aiEnabled() == null || request.aiEnabled()));
        } else {
            if (request.title() != null
                    || request.body() != null
                    || request.url() != null
                    || request.aiEnabled() != null) {
                throw new InvalidRequest("Send either one article or 'articles', not both.");
            }
            if (request.articles().isEmpty()) {
                throw new InvalidRequest("'articles' is empty.", Map.of("articles", "must not be empty"));
            }
            for (int i = 0; i < request.articles().size(); i++) {
                ArticleInput a = request.articles().get(i);
                added.add(new NewArticle(
                        a.title().strip(), a.body().strip(), url(a.url(), "articles[" + i + "].url"), a.ai()));
            }
        }
        List<Article> stored = knowledge.addArticles(store, added);
        Object body = single
                ? ArticleView.of(stored.getFirst(), null)
                : new ListView<>(
                        "list",
                        stored.stream().map(a -> ArticleView.of(a, null)).toList(),
                        false);
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    @Operation(
            operationId = "listArticles",
            summary = "List or search a store's articles",
            description = "Without `q`: the store's articles, newest first, a page at a time. With `q`: the best"
                    + " matches, most relevant first (with `relevance`), one page: what the agent would find, so"
                    + " articles with `ai_enabled` false are left out.")
    @GetMapping("/v1/stores/{storeId}/articles")
    ListView<ArticleView> list(
            @PathVariable String storeId,
            @RequestParam(required = false) @Size(max = 1000) String q,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        StoreId store = StoreId.parse(storeId);
        if (q != null) {
            knowledge.articles(store, 1, null); // a foreign or unknown store is 404, also for a search
            List<ArticleMatch> found = knowledge.search(store, q, limit);
            return new ListView<>(
                    "list",
                    found.stream()
                            .map(m -> ArticleView.of(m.article(), m.relevance()))
                            .toList(),
                    false);
        }
        UUID after = startingAfter == null ? null : parseArticleId(startingAfter);
        List<Article> page = knowledge.articles(store, limit + 1, after);
        boolean more = page.size() > limit;
        return new ListView<>(
                "list",
                page.stream().limit(limit).map(a -> ArticleView.of(a, null)).toList(),
                more);
    }

    @Operation(
            operationId = "getArticle",
            summary = "Get an article",
            description = "One of the store's knowledge articles.")
    @GetMapping("/v1/stores/{storeId}/articles/{articleId}")
    ArticleView article(@PathVariable String storeId, @PathVariable String articleId) {
        return ArticleView.of(knowledge.article(StoreId.parse(storeId), articleId(articleId)), null);
    }

    /** Replaces an article; its passages and embeddings are computed again, and every node's index follows. */
    @Operation(
            operationId = "replaceArticle",
            summary = "Replace an article",
            description = "Replaces the article's title, body, link and `ai_enabled` (left out: true). The agent"
                    + " answers from the new text at once, on every node; with `ai_enabled` false it stops citing the"
                    + " article at once. A live key only.")
    @RequestExample("""
            {"title": "Shipping times", "body": "We ship within 1-2 business days.", "url": "https://shop.example.com/shipping"}""")
    @ProblemResponse(status = 403, codes = "live_mode_required")
    @PutMapping("/v1/stores/{storeId}/articles/{articleId}")
    ArticleView replace(
            @PathVariable String storeId, @PathVariable String articleId, @Valid @RequestBody ArticleInput request) {
        StoreId store = StoreId.parse(storeId);
        UUID id = articleId(articleId);
        NewArticle changed = new NewArticle(
                request.title().strip(), request.body().strip(), url(request.url(), "url"), request.ai());
        return ArticleView.of(knowledge.updateArticle(store, id, changed), null);
    }

    @Operation(
            operationId = "deleteArticle",
            summary = "Delete an article",
            description = "Deletes the article; the agent stops citing it at once, on every node. A live key only.")
    @ProblemResponse(status = 403, codes = "live_mode_required")
    @DeleteMapping("/v1/stores/{storeId}/articles/{articleId}")
    ResponseEntity<Void> delete(@PathVariable String storeId, @PathVariable String articleId) {
        knowledge.deleteArticle(StoreId.parse(storeId), articleId(articleId));
        return ResponseEntity.noContent().build();
    }

    private static UUID articleId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new NotFound("article", text); // like an unknown id
        }
    }

    record OrderRequest(
            @NotBlank @Email @Size(max = 320) String customerEmail,
            @NotBlank @Size(max = 64) String status,
            @NotNull @Size(max = 200) List<@Valid @NotNull ItemInput> items,

            @Schema(
                    pattern = HTTP_URL,
                    example = "https://tracking.example.com/1Z999",
                    description = "An http(s) URL; blank is the same as left out.")
            @Size(max = 2000)
            String trackingUrl,

            @NotNull Instant updatedAt) {}

    record ItemInput(
            @NotBlank @Size(max = 300) String name,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Min(1) @Max(100_000)
            int quantity,

            @Min(0) Long priceCents) {}

    record OrderView(
            String object,
            String storeId,
            String number,
            String customerEmail,
            String status,
            List<Order.Item> items,
            String trackingUrl,
            Instant updatedAt,
            Instant syncedAt) {

        static OrderView of(Order o) {
            return new OrderView(
                    "order",
                    o.storeId().toString(),
                    o.number(),
                    o.customerEmail(),
                    o.status(),
                    o.items(),
                    o.trackingUrl(),
                    o.updatedAt(),
                    o.syncedAt());
        }
    }

    /** Upserts an order; a sync older than the stored order's {@code updated_at} leaves it as it is. */
    @Operation(
            operationId = "syncOrder",
            summary = "Create or update an order",
            description = "Syncs one of the store's orders, so that the agent can answer \"where is my order?\" to"
                    + " the customer whose email matches. A sync older than the stored order's `updated_at` leaves it"
                    + " as it is. A live key only.")
    @RequestExample("""
            {"customer_email": "alice@example.com", "status": "shipped",
             "items": [{"name": "Trail jacket", "quantity": 1, "price_cents": 12900}],
             "tracking_url": "https://tracking.example.com/1Z999", "updated_at": "2026-12-01T09:30:00Z"}""")
    @ProblemResponse(status = 403, codes = "live_mode_required")
    @PutMapping("/v1/stores/{storeId}/orders/{number}")
    OrderView sync(
            @PathVariable String storeId,
            @io.swagger.v3.oas.annotations.Parameter(
                            description = ORDER_NUMBER_TEXT,
                            schema = @Schema(pattern = ORDER_NUMBER_RULE))
                    @PathVariable
                    String number,
            @Valid @RequestBody OrderRequest request) {
        StoreId store = StoreId.parse(storeId);
        orderNumber(number);
        Order order = new Order(
                store,
                number,
                request.customerEmail().strip(),
                request.status().strip(),
                request.items().stream()
                        .map(i -> new Order.Item(i.name().strip(), i.quantity(), i.priceCents()))
                        .toList(),
                url(request.trackingUrl(), "tracking_url"),
                request.updatedAt(),
                null);
        return OrderView.of(knowledge.syncOrder(order));
    }

    @Operation(operationId = "getOrder", summary = "Get an order", description = "One of the store's orders.")
    @GetMapping("/v1/stores/{storeId}/orders/{number}")
    OrderView order(
            @PathVariable String storeId,
            @io.swagger.v3.oas.annotations.Parameter(
                            description = ORDER_NUMBER_TEXT,
                            schema = @Schema(pattern = ORDER_NUMBER_RULE))
                    @PathVariable
                    String number) {
        StoreId store = StoreId.parse(storeId);
        orderNumber(number);
        return knowledge.order(store, number).map(OrderView::of).orElseThrow(() -> new NotFound("order", number));
    }

    private static void orderNumber(String number) {
        if (!ORDER_NUMBER.matcher(number).matches()) {
            throw new InvalidRequest(
                    "An order number is 1-64 letters, digits, '.', '_' or '-'.", Map.of("number", "invalid"));
        }
    }

    private static String url(String url, String field) {
        if (url == null || url.isBlank()) {
            return null;
        }
        if (!URL.matcher(url.strip()).matches()) {
            throw new InvalidRequest(
                    "'" + field + "' must be an http(s) URL.", Map.of(field, "must be an http(s) URL"));
        }
        return url.strip();
    }

    private static UUID parseArticleId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("'starting_after' is no article id.", Map.of("starting_after", "invalid"));
        }
    }
}
