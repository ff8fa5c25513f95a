package io.supportagent.cli;

import io.supportagent.agents.AgentDefinition;
import io.supportagent.agents.AgentInstance;
import io.supportagent.agents.AgentService;
import io.supportagent.apikeys.ApiKeyService;
import io.supportagent.apikeys.IssuedKey;
import io.supportagent.knowledge.KnowledgeService;
import io.supportagent.knowledge.Order;
import io.supportagent.members.MemberService;
import io.supportagent.platform.OperatorToken;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.Store;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code serve}'s demo: a Pro organization with a store and an agent instance, made on the first start and kept; by
 * default only on the embedded database ({@link DemoEnabled}).
 * Its secret keys are stored hashed and cannot be shown again, so each start revokes the previous demo keys and
 * prints fresh ones, with the operator token and the URLs; likewise the dashboard owner's password, which each start
 * sets anew and prints with the owner's email.
 */
@Component
@Conditional(DemoEnabled.class)
class DemoSeeder {

    static final String ORGANIZATION = "Demo Outfitters";
    static final String LIVE_KEY = "Demo live key";
    static final String TEST_KEY = "Demo test key";
    static final String OWNER_EMAIL = "owner@demo-outfitters.example";

    private final TenancyService tenancy;
    private final AgentService agents;
    private final ApiKeyService apiKeys;
    private final OperatorToken operatorToken;
    private final KnowledgeService knowledge;
    private final MemberService members;
    private final Environment environment;
    private final String configuredBaseUrl;
    private final String command;
    private volatile String baseUrl;
    private volatile Demo current;

    DemoSeeder(
            TenancyService tenancy,
            AgentService agents,
            ApiKeyService apiKeys,
            OperatorToken operatorToken,
            KnowledgeService knowledge,
            MemberService members,
            Environment environment,
            @Value("${support-agent.base-url}") String baseUrl,
            @Value("${support-agent.command:serve}") String command) {
        this.tenancy = tenancy;
        this.agents = agents;
        this.apiKeys = apiKeys;
        this.operatorToken = operatorToken;
        this.knowledge = knowledge;
        this.members = members;
        this.environment = environment;
        this.configuredBaseUrl = baseUrl;
        this.baseUrl = baseUrl;
        this.command = command;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedAndPrint() {
        if (!command.equals("serve")) {
            return;
        }
        baseUrl = effectiveBaseUrl();
        Demo demo = seed();
        current = demo;
        print(demo, System.out);
    }

    /** The demo as seeded at this start, for the demo page; null until then. */
    Demo current() {
        return current;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** With PORT=0 (a random port) the configured URL ends in ":0"; the demo needs the real one. */
    private String effectiveBaseUrl() {
        String port = environment.getProperty("local.server.port");
        String url = configuredBaseUrl.endsWith("/")
                ? configuredBaseUrl.substring(0, configuredBaseUrl.length() - 1)
                : configuredBaseUrl;
        return port != null && url.endsWith(":0") ? url.substring(0, url.length() - 1) + port : url;
    }

    /** The base URL's origin and its localhost/127.0.0.1 twin: the demo store's allowed widget origins. */
    static List<String> demoOrigins(String baseUrl) {
        URI uri = URI.create(baseUrl);
        String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        List<String> origins = new ArrayList<>(List.of(origin));
        if (uri.getHost().equals("localhost")) {
            origins.add(origin.replace("://localhost", "://127.0.0.1"));
        } else if (uri.getHost().equals("127.0.0.1")) {
            origins.add(origin.replace("://127.0.0.1", "://localhost"));
        }
        return origins;
    }

    /** What the demo made at this start; {@code ownerPassword} is new at every start (only its hash is kept). */
    record Demo(
            Organization organization,
            Store store,
            AgentInstance instance,
            IssuedKey live,
            IssuedKey test,
            String ownerEmail,
            String ownerPassword) {}

    Demo seed() {
        AgentDefinition definition = agents.customerServiceV1();
        Organization org = tenancy.findOrganizationByName(ORGANIZATION)
                .orElseGet(() -> tenancy.createOrganization(ORGANIZATION, Tier.PRO));
        Tenant live = Tenant.live(org.id());
        Store store = TenantContext.callAs(
                live,
                () -> tenancy.stores(1, null).stream()
                        .findFirst()
                        .orElseGet(
                                () -> tenancy.createStore("Demo Outfitters Store", "localhost", demoOrigins(baseUrl))));
        TenantContext.runAs(live, () -> {
            tenancy.addAllowedOrigins(store.id(), demoOrigins(baseUrl));
            seedKnowledge(store);
        });
        AgentInstance instance = TenantContext.callAs(
                live,
                () -> agents.instancesOfStore(store.id()).stream()
                        .findFirst()
                        .orElseGet(() -> agents.deploy(store.id(), definition.id(), "Demo assistant", "{}")));
        apiKeys.revokeByNameAsOperator(org.id(), LIVE_KEY);
        apiKeys.revokeByNameAsOperator(org.id(), TEST_KEY);
        IssuedKey liveKey = apiKeys.issueAsOperator(org.id(), true, LIVE_KEY);
        IssuedKey testKey = apiKeys.issueAsOperator(org.id(), false, TEST_KEY);
        String ownerPassword = members.ensureOwnerWithNewPassword(org.id(), OWNER_EMAIL, "Demo Owner");
        return new Demo(org, store, instance, liveKey, testKey, OWNER_EMAIL, ownerPassword);
    }

    private void seedKnowledge(Store store) {
        // Demo articles added in a later version reach an installation seeded before it; none is added twice.
        java.util.Set<String> present = new java.util.HashSet<>();
        knowledge.articles(store.id(), 100, null).forEach(a -> present.add(a.title()));
        var missing = DemoData.ARTICLES.stream()
                .filter(a -> !present.contains(a.title()))
                .toList();
        if (!missing.isEmpty()) {
            knowledge.addArticles(store.id(), missing);
        }
        for (Order order : DemoData.orders(store.id())) {
            knowledge.syncOrder(order);
        }
    }

    void print(Demo demo, PrintStream out) {
        out.println();
        out.println("==================== Support Agent Platform ====================");
        out.println("  URL:              " + baseUrl);
        out.println("  Demo store page:  " + baseUrl + "/demo");
        out.println("  Dashboard:        " + baseUrl + "/login");
        out.println("    owner email:    " + demo.ownerEmail());
        out.println("    owner password: " + demo.ownerPassword() + "   (new at every start)");
        out.println("  API docs:         " + baseUrl + "/swagger-ui.html");
        // A configured token is the operator's secret: only one made up at this start is shown.
        out.println("  Operator token:   "
                + (operatorToken.generated()
                        ? operatorToken.reveal() + "   (generated; set SUPPORT_AGENT_OPERATOR_TOKEN to keep one)"
                        : "as set in SUPPORT_AGENT_OPERATOR_TOKEN"));
        out.println("  Demo organization " + demo.organization().name() + " ("
                + demo.organization().tier().code() + ", " + demo.organization().id() + ")");
        out.println("    live key:       " + demo.live().secret());
        out.println("    test key:       " + demo.test().secret());
        out.println("    widget key:     " + demo.instance().publicKey());
        out.println(
                "  Try: curl -H 'Authorization: Bearer " + demo.live().secret() + "' " + baseUrl + "/v1/organization");
        out.println("  Ask the demo assistant about shipping or returns, or about order 1001 (alice@example.com).");
        out.println(
                "  Demo keys and the owner's password are issued anew at every start; the previous ones stop working.");
        out.println("================================================================");
        out.flush();
    }
}
