package io.supportagent.support;

import io.supportagent.agents.AgentService;
import io.supportagent.conversations.ConversationService;
import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** A store with an agent instance for an organization, and conversations started on it, many at once if need be. */
@Component
public class Storefront {

    private final io.supportagent.tenancy.TenancyService tenancy;
    private final AgentService agents;
    private final ConversationService conversations;

    Storefront(io.supportagent.tenancy.TenancyService tenancy, AgentService agents, ConversationService conversations) {
        this.tenancy = tenancy;
        this.agents = agents;
        this.conversations = conversations;
    }

    public record Shop(Fixtures.Org org, StoreId store, AgentInstanceId instance) {}

    /** What a burst of starts came to: successes, and failures by problem code (or exception class). */
    public record Outcome(int started, Map<String, Integer> failures) {}

    public Shop open(Fixtures.Org org) {
        var definition = agents.customerServiceV1();
        return TenantContext.callAs(org.live(), () -> {
            var store = tenancy.createStore("Shop", "shop.example", List.of("https://shop.example"));
            var instance = agents.deploy(store.id(), definition.id(), "Assistant", "{}");
            return new Shop(org, store.id(), instance.id());
        });
    }

    public void start(Shop shop, Tenant tenant) {
        TenantContext.runAs(tenant, () -> conversations.start(shop.instance(), "Ada", "ada@example.com"));
    }

    /** Starts {@code count} conversations from {@code threads} threads released at once. */
    public Outcome startConcurrently(Shop shop, Tenant tenant, int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        start(shop, tenant);
                        started.incrementAndGet();
                    } catch (ApiProblem problem) {
                        failures.merge(problem.code(), 1, Integer::sum);
                    } catch (RuntimeException e) {
                        failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(started.get(), Map.copyOf(failures));
    }

    /** How many conversations of the shop's store the tenant in context sees. */
    public int conversationsOf(Shop shop) {
        return conversations.latestOfStore(shop.store(), 10_000).size();
    }
}
