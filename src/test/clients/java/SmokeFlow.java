import io.supportagent.client.ApiClient;
import io.supportagent.client.ApiException;
import io.supportagent.client.api.AgentsApi;
import io.supportagent.client.api.ConversationsApi;
import io.supportagent.client.api.OrganizationsApi;
import io.supportagent.client.api.StoresApi;
import io.supportagent.client.api.UsageApi;
import io.supportagent.client.model.CreateOrganization;
import io.supportagent.client.model.CreateStore;
import io.supportagent.client.model.CustomPricing;
import io.supportagent.client.model.DefinitionView;
import io.supportagent.client.model.DeployInstance;
import io.supportagent.client.model.ExchangeView;
import io.supportagent.client.model.InstanceView;
import io.supportagent.client.model.MessageRequest;
import io.supportagent.client.model.OnboardedView;
import io.supportagent.client.model.Problem;
import io.supportagent.client.model.StartConversation;
import io.supportagent.client.model.StoreView;
import io.supportagent.client.model.UsageView;
import java.util.List;
import java.util.UUID;

/**
 * An integrator's first hour, written only against the Java client generated from the served OpenAPI document:
 * the operator creates an organization, which lists the agent definitions, creates a store, deploys an agent,
 * starts a conversation, sends a message, reads its usage, and handles a 404 and a 429 as problems. Compiled and run
 * by GeneratedClientsTests; any failure throws.
 */
public final class SmokeFlow {

    /** An error answer, typed: its status and its problem body as the generated Problem model. */
    record Refusal(int status, Problem problem) {}

    public static String run(String baseUrl, String operatorToken) throws Exception {
        StringBuilder log = new StringBuilder();
        OrganizationsApi operator = new OrganizationsApi(client(baseUrl, operatorToken));

        OnboardedView org = operator.createOrganization(
                new CreateOrganization().name("Java client " + UUID.randomUUID()).tier(CreateOrganization.TierEnum.PRO),
                UUID.randomUUID().toString());
        String liveKey = org.getLiveKey().getSecret();
        check(liveKey.startsWith("sk_live_"), "a live key, shown once: " + org.getLiveKey());
        ApiClient live = client(baseUrl, liveKey);

        DefinitionView definition = new AgentsApi(live).listAgentDefinitions("customer_service", 100, null).getData()
                .stream()
                .filter(d -> "1.0.0".equals(d.getVersion()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("customer_service 1.0.0 is not published"));
        StoreView store = new StoresApi(live)
                .createStore(
                        new CreateStore().name("Trail Outfitters").domain("shop.trail.example")
                                .allowedOrigins(List.of("https://shop.trail.example")),
                        null);
        InstanceView instance = new AgentsApi(live)
                .deployAgentInstance(
                        new DeployInstance()
                                .storeId(store.getId())
                                .agentDefinitionId(definition.getId())
                                .name("Trail assistant")
                                .config(java.util.Map.of("greeting", "Hello from Java")),
                        null);
        check(instance.getPublicKey().startsWith("pk_widget_"), "a widget key: " + instance);
        check(instance.getConfig() != null, "the config is an object: " + instance);

        ConversationsApi conversations = new ConversationsApi(live);
        var conversation = conversations.startConversation(
                new StartConversation().agentInstanceId(instance.getId()).customerName("Alice"), null);
        check("open".equals(conversation.getStatus().getValue()), "an open conversation: " + conversation);
        ExchangeView exchange = conversations.sendMessage(
                conversation.getId(),
                new MessageRequest().role(MessageRequest.RoleEnum.CUSTOMER).content("How long does shipping take?"),
                null);
        check(exchange.getMessage() != null && exchange.getConversation() != null, "an exchange: " + exchange);

        UsageView usage = new UsageApi(live).getUsage();
        check(usage.getConversations() == 1, "one conversation counted: " + usage);
        check(new UsageApi(live).listUsageEvents(usage.getPeriod(), 10, null).getData().size() == 1, "one event");
        log.append("flow ok; ");

        Refusal notFound = refusal(live, () -> new StoresApi(live).getStore(UUID.randomUUID().toString()));
        check(notFound.status() == 404 && "not_found".equals(notFound.problem().getCode()), "404: " + notFound);
        log.append("404 ").append(notFound.problem().getCode()).append("; ");

        // An organization allowed one request at a time: the second in a row is refused.
        OnboardedView slow = operator.createOrganization(
                new CreateOrganization()
                        .name("Throttled " + UUID.randomUUID())
                        .tier(CreateOrganization.TierEnum.ENTERPRISE)
                        .customPricing(new CustomPricing().rateLimitPerSecond(1).rateLimitBurst(1)),
                null);
        ApiClient throttled = client(baseUrl, slow.getLiveKey().getSecret());
        Refusal tooMany = null;
        for (int i = 0; i < 10 && tooMany == null; i++) {
            try {
                new OrganizationsApi(throttled).getOrganization();
            } catch (ApiException e) {
                tooMany = refusal(throttled, e);
            }
        }
        check(tooMany != null && tooMany.status() == 429, "a 429: " + tooMany);
        check("rate_limited".equals(tooMany.problem().getCode()), "rate_limited: " + tooMany);
        log.append("429 ").append(tooMany.problem().getCode());
        return log.toString();
    }

    interface Call {
        Object run() throws ApiException;
    }

    static Refusal refusal(ApiClient client, Call call) throws Exception {
        try {
            throw new AssertionError("expected a refusal, got " + call.run());
        } catch (ApiException e) {
            return refusal(client, e);
        }
    }

    static Refusal refusal(ApiClient client, ApiException e) throws Exception {
        String type = e.getResponseHeaders().firstValue("Content-Type").orElse("");
        check(type.startsWith("application/problem+json"), "a problem body: " + type);
        return new Refusal(e.getCode(), client.getObjectMapper().readValue(e.getResponseBody(), Problem.class));
    }

    static ApiClient client(String baseUrl, String bearer) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUrl);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + bearer));
        return client;
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
