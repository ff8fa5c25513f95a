package io.supportagent.support;

import io.supportagent.agents.AgentInstance;
import io.supportagent.agents.AgentService;
import io.supportagent.conversations.Conversation;
import io.supportagent.conversations.ConversationService;
import io.supportagent.knowledge.KnowledgeService;
import io.supportagent.knowledge.NewArticle;
import io.supportagent.knowledge.Order;
import io.supportagent.tenancy.Store;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.time.Instant;
import java.util.List;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

/** Stores with an agent instance, articles and orders, through the modules' real APIs. */
@Component
@Import(Fixtures.class)
public class AgentFixtures {

    public static final String ORIGIN = "https://shop.example";

    private final Fixtures fixtures;
    private final TenancyService tenancy;
    private final AgentService agents;
    private final KnowledgeService knowledge;
    private final ConversationService conversations;

    AgentFixtures(
            Fixtures fixtures,
            TenancyService tenancy,
            AgentService agents,
            KnowledgeService knowledge,
            ConversationService conversations) {
        this.fixtures = fixtures;
        this.tenancy = tenancy;
        this.agents = agents;
        this.knowledge = knowledge;
        this.conversations = conversations;
    }

    /** An organization whose store has the default agent, a shipping and a returns article and order 1001. */
    public Shop shop(String orderEmail) {
        Fixtures.Org org = fixtures.organization(Tier.PRO);
        return io.supportagent.platform.TenantContext.callAs(org.live(), () -> {
            Store store = tenancy.createStore("Shop", "shop.example", List.of(ORIGIN));
            AgentInstance instance =
                    agents.deploy(store.id(), agents.customerServiceV1().id(), "Shop assistant", "{\"name\":\"Ava\"}");
            knowledge.addArticles(
                    store.id(),
                    List.of(
                            new NewArticle(
                                    "Shipping times",
                                    "We ship within 1-2 business days. Standard delivery takes 3-5 business days.",
                                    "https://shop.example/shipping"),
                            new NewArticle(
                                    "Returns and refunds",
                                    "You can return unworn items within 30 days for a full refund.",
                                    "https://shop.example/returns")));
            knowledge.syncOrder(new Order(
                    store.id(),
                    "1001",
                    orderEmail,
                    "shipped",
                    List.of(new Order.Item("Trail jacket", 1, 12900L)),
                    "https://tracking.example/1001",
                    Instant.parse("2026-11-01T00:00:00Z"),
                    null));
            return new Shop(org, store, instance);
        });
    }

    /** Another store with its own agent in the same organization. */
    public Shop secondStore(Shop shop, String secret) {
        return io.supportagent.platform.TenantContext.callAs(shop.org().live(), () -> {
            Store store = tenancy.createStore("Second", "second.example", List.of("https://second.example"));
            AgentInstance instance =
                    agents.deploy(store.id(), agents.customerServiceV1().id(), "Second", "{}");
            knowledge.addArticles(
                    store.id(), List.of(new NewArticle("Secret discount codes", secret, "https://second.example/s")));
            knowledge.syncOrder(new Order(
                    store.id(),
                    "7777",
                    "victim@second.example",
                    "shipped to " + secret,
                    List.of(new Order.Item(secret, 1, null)),
                    null,
                    Instant.parse("2026-11-01T00:00:00Z"),
                    null));
            return new Shop(shop.org(), store, instance);
        });
    }

    public Conversation conversation(Shop shop, String email) {
        return io.supportagent.platform.TenantContext.callAs(
                shop.org().live(), () -> conversations.start(shop.instance().id(), "Alice", email));
    }

    public record Shop(Fixtures.Org org, Store store, AgentInstance instance) {}
}
