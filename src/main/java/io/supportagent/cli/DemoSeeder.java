package io.supportagent.cli;

import io.supportagent.agents.AgentDefinition;
import io.supportagent.agents.AgentInstance;
import io.supportagent.agents.AgentService;
import io.supportagent.apikeys.ApiKeyService;
import io.supportagent.apikeys.IssuedKey;
import io.supportagent.platform.OperatorToken;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.Store;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.io.PrintStream;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code serve}'s demo: a Pro organization with a store and an agent instance, made on the first start and kept.
 * Its secret keys are stored hashed and cannot be shown again, so each start revokes the previous demo keys and
 * prints fresh ones, with the operator token and the URLs.
 */
@Component
@ConditionalOnProperty(name = "support-agent.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoSeeder {

    static final String ORGANIZATION = "Demo Outfitters";
    static final String LIVE_KEY = "Demo live key";
    static final String TEST_KEY = "Demo test key";

    private final TenancyService tenancy;
    private final AgentService agents;
    private final ApiKeyService apiKeys;
    private final OperatorToken operatorToken;
    private final String baseUrl;
    private final String command;

    DemoSeeder(
            TenancyService tenancy,
            AgentService agents,
            ApiKeyService apiKeys,
            OperatorToken operatorToken,
            @Value("${support-agent.base-url}") String baseUrl,
            @Value("${support-agent.command:serve}") String command) {
        this.tenancy = tenancy;
        this.agents = agents;
        this.apiKeys = apiKeys;
        this.operatorToken = operatorToken;
        this.baseUrl = baseUrl;
        this.command = command;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedAndPrint() {
        if (!command.equals("serve")) {
            return;
        }
        Demo demo = seed();
        print(demo, System.out);
    }

    record Demo(Organization organization, Store store, AgentInstance instance, IssuedKey live, IssuedKey test) {}

    Demo seed() {
        AgentDefinition definition = agents.customerServiceV1();
        Organization org = tenancy.findOrganizationByName(ORGANIZATION)
                .orElseGet(() -> tenancy.createOrganization(ORGANIZATION, Tier.PRO));
        Tenant live = Tenant.live(org.id());
        Store store = TenantContext.callAs(
                live,
                () -> tenancy.stores(1, null).stream()
                        .findFirst()
                        .orElseGet(() -> tenancy.createStore("Demo Outfitters Store", "localhost", List.of(baseUrl))));
        AgentInstance instance = TenantContext.callAs(
                live,
                () -> agents.instancesOfStore(store.id()).stream()
                        .findFirst()
                        .orElseGet(() -> agents.deploy(store.id(), definition.id(), "Demo assistant", "{}")));
        apiKeys.revokeByNameAsOperator(org.id(), LIVE_KEY);
        apiKeys.revokeByNameAsOperator(org.id(), TEST_KEY);
        IssuedKey liveKey = apiKeys.issueAsOperator(org.id(), true, LIVE_KEY);
        IssuedKey testKey = apiKeys.issueAsOperator(org.id(), false, TEST_KEY);
        return new Demo(org, store, instance, liveKey, testKey);
    }

    void print(Demo demo, PrintStream out) {
        out.println();
        out.println("==================== Support Agent Platform ====================");
        out.println("  URL:              " + baseUrl);
        out.println("  Demo store page:  " + baseUrl + "/demo");
        out.println("  API docs:         " + baseUrl + "/swagger-ui.html");
        out.println("  Operator token:   " + operatorToken.reveal()
                + (operatorToken.generated() ? "   (generated; set SUPPORT_AGENT_OPERATOR_TOKEN to keep one)" : ""));
        out.println("  Demo organization " + demo.organization().name() + " ("
                + demo.organization().tier().code() + ", " + demo.organization().id() + ")");
        out.println("    live key:       " + demo.live().secret());
        out.println("    test key:       " + demo.test().secret());
        out.println("    widget key:     " + demo.instance().publicKey());
        out.println(
                "  Try: curl -H 'Authorization: Bearer " + demo.live().secret() + "' " + baseUrl + "/v1/organization");
        out.println("  Demo keys are issued anew at every start; the previous ones are revoked.");
        out.println("================================================================");
        out.flush();
    }
}
