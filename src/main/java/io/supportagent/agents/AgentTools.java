package io.supportagent.agents;

import io.supportagent.knowledge.ArticleMatch;
import io.supportagent.knowledge.KnowledgeService;
import io.supportagent.knowledge.Order;
import io.supportagent.knowledge.Retrieval;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The agent's tools for one reply, bound on the server to the conversation's organization and store. Their inputs
 * are only a query, an order number and an email: nothing a model or a shopper writes can name another store or
 * tenant (unknown arguments such as {@code store_id} are ignored), and every look-up runs in the bound tenant's
 * transaction, under row-level security, whatever thread the model client calls back on.
 */
final class AgentTools {

    static final String SEARCH_KNOWLEDGE = "search_knowledge";
    static final String LOOKUP_ORDER = "lookup_order";
    static final String HANDOFF_TO_HUMAN = "handoff_to_human";

    private static final Logger log = LoggerFactory.getLogger(AgentTools.class);
    private static final int RESULTS = 3;
    private static final int EXCERPT = 1500;

    private final Tenant tenant;
    private final StoreId store;
    private final KnowledgeService knowledge;
    private final ObjectMapper json;
    private final double minRelevance;
    private final Map<String, Citation> citations = new LinkedHashMap<>();
    private volatile String handoffReason;
    private volatile boolean lookedUpOrder;
    private final java.util.Set<String> ordersFound = java.util.concurrent.ConcurrentHashMap.newKeySet();

    AgentTools(Tenant tenant, StoreId store, KnowledgeService knowledge, ObjectMapper json, double minRelevance) {
        this.tenant = tenant;
        this.store = store;
        this.knowledge = knowledge;
        this.json = json;
        this.minRelevance = minRelevance;
    }

    /** The store's best articles for the query, at least {@code min_relevance} relevant (hybrid retrieval). */
    Retrieval searchKnowledge(String query) {
        return TenantContext.callAs(tenant, () -> knowledge.retrieve(store, query, RESULTS, minRelevance));
    }

    Optional<Order> lookupOrder(String number, String email) {
        lookedUpOrder = true;
        Optional<Order> found = TenantContext.callAs(tenant, () -> knowledge.lookupOrder(store, number, email));
        found.ifPresent(o -> ordersFound.add(o.number()));
        return found;
    }

    /** The numbers of the orders this reply looked up and found, for the team. */
    List<String> ordersFound() {
        return List.copyOf(ordersFound);
    }

    synchronized void cite(ArticleMatch match) {
        var a = match.article();
        citations.putIfAbsent(a.id().toString(), new Citation(a.id().toString(), a.title(), a.url()));
    }

    void handoff(String reason) {
        handoffReason = reason == null || reason.isBlank() ? "requested" : truncate(reason, 300);
    }

    synchronized List<Citation> citations() {
        return List.copyOf(citations.values());
    }

    /** Whether this reply looked an order up (its answer is about the order, not the articles). */
    boolean lookedUpOrder() {
        return lookedUpOrder;
    }

    Optional<String> handoffReason() {
        return Optional.ofNullable(handoffReason);
    }

    /** The enabled tools as Spring AI tool callbacks for a model provider. */
    List<ToolCallback> callbacks(List<String> enabled) {
        List<ToolCallback> callbacks = new ArrayList<>();
        if (enabled.contains(SEARCH_KNOWLEDGE)) {
            callbacks.add(callback(
                    SEARCH_KNOWLEDGE,
                    "Searches this store's help articles. Use it for any question about the store's policies,"
                            + " products, shipping, returns, sizing, warranty or payment.",
                    """
                    {"type":"object","properties":{"query":{"type":"string","description":"What to look for"}},
                     "required":["query"],"additionalProperties":false}""",
                    input -> {
                        List<Map<String, Object>> results = new ArrayList<>();
                        for (ArticleMatch m :
                                searchKnowledge(text(input, "query")).matches()) {
                            cite(m);
                            results.add(excerpt(m));
                        }
                        return Map.of("articles", results);
                    }));
        }
        if (enabled.contains(LOOKUP_ORDER)) {
            callbacks.add(callback(
                    LOOKUP_ORDER,
                    "Looks up one of this store's orders. Needs the order number and the email address the customer"
                            + " gave for it; answers nothing unless both match.",
                    """
                    {"type":"object","properties":{"order_number":{"type":"string"},"email":{"type":"string"}},
                     "required":["order_number","email"],"additionalProperties":false}""",
                    input -> lookupOrder(text(input, "order_number"), text(input, "email"))
                            .<Map<String, Object>>map(o -> Map.of("found", true, "order", view(o)))
                            .orElse(Map.of(
                                    "found", false, "message", "No order matches that order number and email."))));
        }
        if (enabled.contains(HANDOFF_TO_HUMAN)) {
            callbacks.add(callback(
                    HANDOFF_TO_HUMAN,
                    "Hands the conversation to a person on the store's team. Use it when you cannot answer from the"
                            + " tools, or when the customer asks for a person.",
                    """
                    {"type":"object","properties":{"reason":{"type":"string"}},"required":["reason"],
                     "additionalProperties":false}""",
                    input -> {
                        handoff(text(input, "reason"));
                        return Map.of("handed_off", true);
                    }));
        }
        return callbacks;
    }

    /** An article for a model: its best-matching passages first, then the rest, within the excerpt's length. */
    static Map<String, Object> excerpt(ArticleMatch m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("article_id", m.article().id().toString());
        r.put("title", m.article().title());
        r.put("url", m.article().url());
        r.put("relevance", Math.round(m.relevance() * 100) / 100.0);
        String content = m.article().body();
        if (m.sentences().size() > 1 && content.length() > EXCERPT) {
            double best = m.sentences().stream()
                    .mapToDouble(s -> s.passageScore())
                    .max()
                    .orElse(0);
            StringBuilder text = new StringBuilder();
            m.sentences().stream()
                    .filter(s -> s.passageScore() >= best * 0.8)
                    .forEach(s -> text.append(s.text()).append(' '));
            content = text.toString().strip();
        }
        r.put("content", truncate(content, EXCERPT));
        return r;
    }

    static Map<String, Object> view(Order o) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("number", o.number());
        order.put("status", o.status());
        order.put(
                "items",
                o.items().stream()
                        .map(i -> Map.of("name", i.name(), "quantity", i.quantity()))
                        .toList());
        if (o.trackingUrl() != null) {
            order.put("tracking_url", o.trackingUrl());
        }
        order.put("updated_at", o.updatedAt().toString());
        return order;
    }

    private ToolCallback callback(
            String name, String description, String schema, java.util.function.Function<JsonNode, Object> work) {
        ToolDefinition definition = DefaultToolDefinition.builder()
                .name(name)
                .description(description)
                .inputSchema(schema)
                .build();
        return new ToolCallback() {
            @Override
            public ToolDefinition getToolDefinition() {
                return definition;
            }

            @Override
            public String call(String input) {
                try {
                    JsonNode arguments =
                            input == null || input.isBlank() ? json.createObjectNode() : json.readTree(input);
                    return json.writeValueAsString(work.apply(arguments));
                } catch (RuntimeException e) {
                    log.warn("Tool {} failed: {}", name, e.toString());
                    return "{\"error\":\"The tool could not run with these arguments.\"}";
                }
            }
        };
    }

    private static String text(JsonNode input, String field) {
        JsonNode value = input == null ? null : input.get(field);
        return value != null && value.isValueNode() ? value.asString() : "";
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
