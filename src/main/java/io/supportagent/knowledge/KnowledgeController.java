package io.supportagent.knowledge;

import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.StoreId;
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
class KnowledgeController {

    static final int MAX_BULK = 500;
    private static final Pattern ORDER_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    private final KnowledgeService knowledge;

    KnowledgeController(KnowledgeService knowledge) {
        this.knowledge = knowledge;
    }

    /** One article ({@code title}, {@code body}, {@code url}) or many at once ({@code articles}). */
    record ArticlesRequest(
            @Size(max = 300) String title,
            @Size(max = 100_000) String body,
            @Size(max = 2000) String url,
            @Size(max = MAX_BULK) List<@Valid @NotNull ArticleInput> articles) {}

    record ArticleInput(
            @NotBlank @Size(max = 300) String title,
            @NotBlank @Size(max = 100_000) String body,
            @Size(max = 2000) String url) {}

    record ArticleView(
            String id,
            String object,
            String storeId,
            String title,
            String body,
            String url,
            Double relevance,
            Instant createdAt,
            Instant updatedAt) {

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
                    a.updatedAt());
        }
    }

    record ListView<T>(String object, List<T> data, boolean hasMore) {}

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
            added.add(new NewArticle(request.title().strip(), request.body().strip(), url(request.url(), "url")));
        } else {
            if (request.title() != null || request.body() != null || request.url() != null) {
                throw new InvalidRequest("Send either one article or 'articles', not both.");
            }
            if (request.articles().isEmpty()) {
                throw new InvalidRequest("'articles' is empty.", Map.of("articles", "must not be empty"));
            }
            for (int i = 0; i < request.articles().size(); i++) {
                ArticleInput a = request.articles().get(i);
                added.add(new NewArticle(a.title().strip(), a.body().strip(), url(a.url(), "articles[" + i + "].url")));
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

    @GetMapping("/v1/stores/{storeId}/articles/{articleId}")
    ArticleView article(@PathVariable String storeId, @PathVariable String articleId) {
        return ArticleView.of(knowledge.article(StoreId.parse(storeId), articleId(articleId)), null);
    }

    /** Replaces an article; its passages and embeddings are computed again, and every node's index follows. */
    @PutMapping("/v1/stores/{storeId}/articles/{articleId}")
    ArticleView replace(
            @PathVariable String storeId, @PathVariable String articleId, @Valid @RequestBody ArticleInput request) {
        StoreId store = StoreId.parse(storeId);
        UUID id = articleId(articleId);
        NewArticle changed =
                new NewArticle(request.title().strip(), request.body().strip(), url(request.url(), "url"));
        return ArticleView.of(knowledge.updateArticle(store, id, changed), null);
    }

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
            @Size(max = 2000) String trackingUrl,
            @NotNull Instant updatedAt) {}

    record ItemInput(
            @NotBlank @Size(max = 300) String name,
            @Min(1) @Max(100_000) int quantity,
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
    @PutMapping("/v1/stores/{storeId}/orders/{number}")
    OrderView sync(
            @PathVariable String storeId, @PathVariable String number, @Valid @RequestBody OrderRequest request) {
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

    @GetMapping("/v1/stores/{storeId}/orders/{number}")
    OrderView order(@PathVariable String storeId, @PathVariable String number) {
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
