package io.supportagent.support;

import io.supportagent.agents.AgentDefinition;
import io.supportagent.agents.AgentInstance;
import io.supportagent.agents.AgentService;
import io.supportagent.platform.TenantContext;
import io.supportagent.tenancy.Store;
import io.supportagent.tenancy.TenancyService;
import java.util.List;
import org.springframework.stereotype.Component;

/** Stores and agent instances for tests of the organization API, made through the modules' services. */
@Component
public class ApiFixtures {

    private final TenancyService tenancy;
    private final AgentService agents;

    ApiFixtures(TenancyService tenancy, AgentService agents) {
        this.tenancy = tenancy;
        this.agents = agents;
    }

    public AgentDefinition definition() {
        return agents.customerServiceV1();
    }

    public Deployed deploy(Fixtures.Org org) {
        AgentDefinition definition = definition();
        return TenantContext.callAs(org.live(), () -> {
            Store store = tenancy.createStore("Store", "shop.example.com", List.of("https://shop.example.com"));
            AgentInstance instance = agents.deploy(store.id(), definition.id(), "Assistant", null);
            return new Deployed(store, instance);
        });
    }

    public record Deployed(Store store, AgentInstance instance) {}
}
