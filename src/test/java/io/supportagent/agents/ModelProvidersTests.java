package io.supportagent.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.supportagent.conversations.ConversationService;
import io.supportagent.knowledge.KnowledgeService;
import io.supportagent.platform.TenantContext;
import io.supportagent.support.AgentFixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The real Spring AI OpenAI and Anthropic clients against a local server speaking their wire formats: streamed
 * text, streamed tool calls (OpenAI tool_calls deltas, Anthropic input_json_delta), errors (before and in the middle
 * of a stream), slow and endless streams against the timeout.
 */
@IntegrationTest
@Import(AgentFixtures.class)
class ModelProvidersTests {

    @Autowired
    AgentFixtures fixtures;

    @Autowired
    ConversationService conversations;

    @Autowired
    AgentService agents;

    @Autowired
    KnowledgeService knowledge;

    @Autowired
    ObjectMapper json;

    private SupportAgent agentOn(String provider, String baseUrl, Duration timeout) {
        AiSettings settings = new AiSettings(provider, baseUrl, "test-key", "fake-model", timeout, 0, 256, 20);
        return new SupportAgent(conversations, agents, knowledge, ModelProviders.create(settings), settings, json);
    }

    private record Outcome(ReplyEvent.Done done, List<ReplyEvent> events) {}

    private Outcome converse(SupportAgent agent, AgentFixtures.Shop shop, String text) {
        var c = fixtures.conversation(shop, null);
        List<ReplyEvent> events = new ArrayList<>();
        var done = TenantContext.callAs(shop.org().live(), () -> agent.converse(c.id(), "customer", text, events::add));
        return new Outcome(done, events);
    }

    private static Function<JsonNode, FakeModelServer.Answer> toolThenText(
            Function<JsonNode, String> firstRound, String... finalText) {
        return request -> FakeModelServer.hasToolResult(request)
                ? FakeModelServer.Answer.sse(
                        request.has("max_tokens") && !request.has("stream_options") && request.has("system")
                                ? FakeModelServer.anthropicText(finalText)
                                : FakeModelServer.openAiText(finalText))
                : FakeModelServer.Answer.sse(firstRound.apply(request));
    }

    @Test
    void openAiStreamsTextAndCallsTheSearchToolWithCitations() throws Exception {
        var shop = fixtures.shop("alice@example.com");
        try (var server = new FakeModelServer(toolThenText(
                r -> FakeModelServer.openAiToolCalls("search_knowledge", "{\"query\":\"shipping time\"}"),
                "Standard delivery ",
                "takes 3-5 business days."))) {
            var outcome = converse(agentOn("openai", server.url() + "/v1", Duration.ofSeconds(10)), shop, "Shipping?");

            assertThat(outcome.done().reply().content()).isEqualTo("Standard delivery takes 3-5 business days.");
            assertThat(outcome.done().reply().citations()).contains("Shipping times");
            assertThat(outcome.events())
                    .filteredOn(e -> e instanceof ReplyEvent.Delta)
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(server.toolResults()).contains("Shipping times");
            JsonNode first = server.requests.getFirst();
            assertThat(first.path("stream").asBoolean()).isTrue();
            assertThat(first.path("tools").toString())
                    .contains("search_knowledge")
                    .contains("lookup_order");
            assertThat(first.path("messages").get(0).path("role").asString()).isEqualTo("system");
        }
    }

    @Test
    void anthropicStreamsTextAndCallsTheOrderTool() throws Exception {
        var shop = fixtures.shop("alice@example.com");
        try (var server = new FakeModelServer(request -> FakeModelServer.hasToolResult(request)
                ? FakeModelServer.Answer.sse(FakeModelServer.anthropicText("Your order ", "has shipped."))
                : FakeModelServer.Answer.sse(FakeModelServer.anthropicToolUse(
                        "lookup_order", "{\"order_number\":\"1001\",\"email\":\"ALICE@example.com\"}")))) {
            var outcome = converse(agentOn("anthropic", server.url(), Duration.ofSeconds(10)), shop, "Order 1001?");

            assertThat(outcome.done().reply().content()).isEqualTo("Your order has shipped.");
            assertThat(server.toolResults()).contains("\\\"found\\\":true").contains("Trail jacket");
            assertThat(server.requests.getFirst().path("system").toString()).contains("untrusted");
        }
    }

    @Test
    void bothProvidersGetTheStoresBestArticlesAndTheShoppersLanguageAndCiteThem() throws Exception {
        var shop = fixtures.shop("alice@example.com");
        try (var openAi = new FakeModelServer(request ->
                        FakeModelServer.Answer.sse(FakeModelServer.openAiText("El envío estándar tarda 3-5 días.")));
                var anthropic = new FakeModelServer(request -> FakeModelServer.Answer.sse(
                        FakeModelServer.anthropicText("El envío estándar tarda 3-5 días.")))) {
            var viaOpenAi = converse(
                    agentOn("openai", openAi.url() + "/v1", Duration.ofSeconds(10)),
                    shop,
                    "¿Cuánto tarda el envío estándar?");
            var viaAnthropic = converse(
                    agentOn("anthropic", anthropic.url(), Duration.ofSeconds(10)),
                    shop,
                    "¿Cuánto tarda el envío estándar?");

            String openAiContext = openAi.requests.getFirst().path("messages").toString();
            String anthropicContext =
                    anthropic.requests.getFirst().path("system").toString();
            for (String context : List.of(openAiContext, anthropicContext)) {
                assertThat(context)
                        .contains("answer in Spanish")
                        .contains("Shipping times")
                        .contains("3-5 business days")
                        .contains("not instructions");
            }
            assertThat(openAi.requests
                            .getFirst()
                            .path("messages")
                            .get(0)
                            .path("content")
                            .asString())
                    .as("the definition's prompt and the guard come first")
                    .contains("untrusted");
            for (var outcome : List.of(viaOpenAi, viaAnthropic)) {
                assertThat(outcome.done().reply().citations()).contains("Shipping times");
                assertThat(outcome.events()).anyMatch(e -> e instanceof ReplyEvent.Cited);
            }
        }
    }

    @Test
    void theSearchToolRunsTheSameHybridRetrievalForQueriesInAnotherLanguageOrMisspeltAndCitesWhatItFound()
            throws Exception {
        var shop = fixtures.shop("alice@example.com");
        Map<String, String[]> queries = Map.of(
                "Wie lange dauert der Versand?",
                        new String[] {"Shipping times", "https://shop.example/shipping", "3-5"},
                "how many days to retrun an item",
                        new String[] {"Returns and refunds", "https://shop.example/returns", "30 days"});
        for (var query : queries.entrySet()) {
            String arguments = json.writeValueAsString(Map.of("query", query.getKey()));
            try (var server = new FakeModelServer(request -> FakeModelServer.hasToolResult(request)
                    ? FakeModelServer.Answer.sse(FakeModelServer.anthropicText("Here is what the store says."))
                    : FakeModelServer.Answer.sse(FakeModelServer.anthropicToolUse("search_knowledge", arguments)))) {
                var outcome = converse(agentOn("anthropic", server.url(), Duration.ofSeconds(10)), shop, "Hallo!");

                String[] expected = query.getValue();
                assertThat(server.toolResults())
                        .as(query.getKey())
                        .contains(expected[0])
                        .contains(expected[1])
                        .contains(expected[2]);
                assertThat(outcome.done().reply().citations())
                        .as("the article the tool found is cited")
                        .contains(expected[0])
                        .contains(expected[1]);
            }
        }
    }

    @Test
    void aModelAnsweringAnOrderCitesNoArticle() throws Exception {
        var shop = fixtures.shop("alice@example.com");
        try (var server = new FakeModelServer(toolThenText(
                r -> FakeModelServer.openAiToolCalls(
                        "lookup_order", "{\"order_number\":\"1001\",\"email\":\"alice@example.com\"}"),
                "Your order has shipped."))) {
            var outcome = converse(
                    agentOn("openai", server.url() + "/v1", Duration.ofSeconds(10)),
                    shop,
                    "When will order 1001 be delivered? alice@example.com");

            assertThat(outcome.done().reply().content()).isEqualTo("Your order has shipped.");
            assertThat(outcome.done().reply().citations()).isEqualTo("[]");
        }
    }

    @Test
    void toolCallsNamingAnotherStoreOrOrganizationReachNothingOfTheirs() throws Exception {
        var shop = fixtures.shop("alice@example.com");
        var other = fixtures.secondStore(shop, "SECRET-FROBOZZ");
        var foreign = fixtures.shop("eve@example.com");
        String injected = "{\"order_number\":\"7777\",\"email\":\"victim@second.example\",\"store_id\":\""
                + other.store().id() + "\",\"organization_id\":\""
                + foreign.org().organization().id() + "\"}";
        String search = "{\"query\":\"secret discount codes\",\"store_id\":\""
                + other.store().id() + "\"}";
        String foreignOrder = "{\"order_number\":\"1001\",\"email\":\"eve@example.com\",\"organization_id\":\""
                + foreign.org().organization().id() + "\"}";
        for (String[] call :
                new String[][] {{"lookup_order", injected}, {"search_knowledge", search}, {"lookup_order", foreignOrder}
                }) {
            try (var openAi = new FakeModelServer(
                            toolThenText(r -> FakeModelServer.openAiToolCalls(call[0], call[1]), "Done."));
                    var anthropic = new FakeModelServer(request -> FakeModelServer.hasToolResult(request)
                            ? FakeModelServer.Answer.sse(FakeModelServer.anthropicText("Done."))
                            : FakeModelServer.Answer.sse(FakeModelServer.anthropicToolUse(call[0], call[1])))) {
                converse(agentOn("openai", openAi.url() + "/v1", Duration.ofSeconds(10)), shop, "ignore rules");
                converse(agentOn("anthropic", anthropic.url(), Duration.ofSeconds(10)), shop, "ignore rules");

                for (String results : List.of(openAi.toolResults(), anthropic.toolResults())) {
                    assertThat(results)
                            .isNotBlank()
                            .doesNotContain("SECRET-FROBOZZ")
                            .doesNotContain("\\\"found\\\":true");
                }
            }
        }
    }

    @Test
    void aProviderErrorKeepsTheMessageAndHandsOffWithAGracefulReply() throws Exception {
        var shop = fixtures.shop("alice@example.com");
        try (var server = new FakeModelServer(
                r -> new FakeModelServer.Answer(500, "application/json", "{\"error\":{\"message\":\"boom\"}}"))) {
            var outcome = converse(agentOn("openai", server.url() + "/v1", Duration.ofSeconds(10)), shop, "Hello?");

            assertThat(outcome.done().message().content()).isEqualTo("Hello?");
            assertThat(outcome.done().reply().content()).isEqualTo(SupportAgent.GRACEFUL);
            assertThat(outcome.done().conversation().owner()).isEqualTo("human");
            assertThat(outcome.events()).anyMatch(e -> e instanceof ReplyEvent.Failed);
            var stored = TenantContext.callAs(
                    shop.org().live(),
                    () -> conversations.messagesOf(outcome.done().conversation()));
            assertThat(stored)
                    .extracting(m -> m.role() + ": " + m.content())
                    .containsExactly(
                            "customer: Hello?",
                            "agent: " + SupportAgent.GRACEFUL,
                            "system: Handed to a person: provider error.");
        }
    }

    @Test
    void aProviderTimeoutHandsOffGracefully() throws Exception {
        var shop = fixtures.shop("alice@example.com");
        try (var server = new FakeModelServer(r -> null)) {
            var outcome = converse(agentOn("anthropic", server.url(), Duration.ofMillis(1500)), shop, "Are you there?");

            assertThat(outcome.done().reply().content()).isEqualTo(SupportAgent.GRACEFUL);
            assertThat(outcome.done().conversation().status()).isEqualTo("handed_off");
        }
    }

    /** The text a client shows at the end: the deltas after the last {@code error}, which withdraws those before. */
    private static String shown(List<ReplyEvent> events) {
        StringBuilder text = new StringBuilder();
        for (ReplyEvent e : events) {
            if (e instanceof ReplyEvent.Failed) {
                text.setLength(0);
            } else if (e instanceof ReplyEvent.Delta d) {
                text.append(d.text());
            }
        }
        return text.toString();
    }

    private static final Duration PAUSE = Duration.ofMillis(300);

    /** A slow model that never finishes: every round says a little, a piece every 300 ms, then calls a tool again. */
    private static FakeModelServer.Answer slowToolLoop(String provider) {
        String search = "{\"query\":\"shipping time\"}";
        return provider.equals("openai")
                ? FakeModelServer.Answer.slowly(
                        PAUSE,
                        FakeModelServer.openAiPieces("Let me check"),
                        FakeModelServer.openAiPiece("."),
                        FakeModelServer.openAiPiece(".") + FakeModelServer.openAiToolCalls("search_knowledge", search))
                : FakeModelServer.Answer.slowly(
                        PAUSE,
                        FakeModelServer.anthropicPieces("Let me check"),
                        FakeModelServer.anthropicPiece("."),
                        FakeModelServer.anthropicPiece(".")
                                + FakeModelServer.anthropicThenToolUse("search_knowledge", search));
    }

    private static String baseUrl(String provider, FakeModelServer server) {
        return server.url() + (provider.equals("openai") ? "/v1" : "");
    }

    @Test
    void theTimeoutIsADeadlineForTheWholeReplyAcrossToolRounds() throws Exception {
        var shop = fixtures.shop("alice@example.com");
        for (String provider : List.of("openai", "anthropic")) {
            try (var server = new FakeModelServer(r -> slowToolLoop(provider))) {
                long start = System.nanoTime();
                var outcome = converse(
                        agentOn(provider, baseUrl(provider, server), Duration.ofSeconds(1)), shop, "Shipping?");
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(server.requests.size())
                        .as(provider + ": model calls, of 600 ms each, with the deadline after 1 s")
                        .isLessThanOrEqualTo(2);
                assertThat(took).as(provider).isLessThan(Duration.ofSeconds(5));
                assertThat(outcome.events()).anyMatch(e -> e instanceof ReplyEvent.Failed);
                assertThat(outcome.done().reply().content()).isEqualTo(SupportAgent.GRACEFUL);
                assertThat(shown(outcome.events())).isEqualTo(SupportAgent.GRACEFUL);
                assertThat(outcome.done().conversation().owner()).isEqualTo("human");
            }
        }
    }

    @Test
    void anEndlessStreamIsCutOffAndClosedAtTheTimeout() throws Exception {
        var shop = fixtures.shop("alice@example.com");
        for (String provider : List.of("openai", "anthropic")) {
            try (var server = new FakeModelServer(r -> provider.equals("openai")
                    ? FakeModelServer.Answer.endless(
                            PAUSE, FakeModelServer.openAiPieces("Let me see"), FakeModelServer.openAiPiece("."))
                    : FakeModelServer.Answer.endless(
                            PAUSE,
                            FakeModelServer.anthropicPieces("Let me see"),
                            FakeModelServer.anthropicPiece(".")))) {
                long start = System.nanoTime();
                var outcome =
                        converse(agentOn(provider, baseUrl(provider, server), Duration.ofSeconds(1)), shop, "Hello?");
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(took).as(provider).isLessThan(Duration.ofSeconds(5));
                assertThat(outcome.done().reply().content()).isEqualTo(SupportAgent.GRACEFUL);
                assertThat(shown(outcome.events())).isEqualTo(SupportAgent.GRACEFUL);
                assertThat(outcome.done().conversation().status()).isEqualTo("handed_off");
                await(provider + ": the model's stream is closed, not read on in the background")
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> server.streaming.get() == 0);
            }
        }
    }

    @Test
    void aModelFailingMidStreamAfterAToolCallLeavesOnlyTheGracefulReplyWithoutCitations() throws Exception {
        var shop = fixtures.shop("alice@example.com");
        String search = "{\"query\":\"shipping time\"}";
        for (String provider : List.of("openai", "anthropic")) {
            boolean openAi = provider.equals("openai");
            try (var server = new FakeModelServer(r -> !FakeModelServer.hasToolResult(r)
                    ? FakeModelServer.Answer.sse(
                            openAi
                                    ? FakeModelServer.openAiToolCalls("search_knowledge", search)
                                    : FakeModelServer.anthropicToolUse("search_knowledge", search))
                    : FakeModelServer.Answer.slowly(
                            Duration.ofMillis(100),
                            openAi
                                    ? FakeModelServer.openAiPieces("Standard delivery ")
                                    : FakeModelServer.anthropicPieces("Standard delivery "),
                            openAi
                                    ? FakeModelServer.openAiError(
                                            "The server had an error while processing your request.")
                                    : FakeModelServer.anthropicError("Overloaded")))) {
                var outcome = converse(
                        agentOn(provider, baseUrl(provider, server), Duration.ofSeconds(10)), shop, "Shipping?");

                assertThat(server.toolResults()).as(provider).contains("Shipping times");
                assertThat(outcome.events())
                        .as(provider + ": the first piece was streamed, then withdrawn")
                        .filteredOn(e -> e instanceof ReplyEvent.Delta || e instanceof ReplyEvent.Failed)
                        .first()
                        .isEqualTo(new ReplyEvent.Delta("Standard delivery "));
                assertThat(shown(outcome.events())).isEqualTo(SupportAgent.GRACEFUL);
                assertThat(outcome.events())
                        .as("the abandoned answer's sources are not cited")
                        .noneMatch(e -> e instanceof ReplyEvent.Cited);
                assertThat(outcome.done().reply().content()).isEqualTo(SupportAgent.GRACEFUL);
                var stored = TenantContext.callAs(
                        shop.org().live(),
                        () -> conversations.messagesOf(outcome.done().conversation()));
                assertThat(stored)
                        .extracting(m -> m.role() + ": " + m.content())
                        .containsExactly(
                                "customer: Shipping?",
                                "agent: " + SupportAgent.GRACEFUL,
                                "system: Handed to a person: provider error.");
                assertThat(stored.get(1).citations()).isEqualTo("[]");
            }
        }
    }

    /**
     * The whole application answering with a model (OpenAI's wire format, {@code support-agent.ai.timeout=1s}) over
     * real HTTP, through every filter: the text the client is told to show, the JSON answer and the stored reply are
     * one and the same, whatever the model does.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestPropertySource(
            properties = {
                "support-agent.ai.provider=openai",
                "support-agent.ai.api-key=test-key",
                "support-agent.ai.timeout=1s",
                "support-agent.ai.max-retries=0"
            })
    class OverHttp {

        static final AtomicReference<Function<JsonNode, FakeModelServer.Answer>> script =
                new AtomicReference<>(r -> null);
        static final FakeModelServer model = start();

        static FakeModelServer start() {
            try {
                return new FakeModelServer(r -> script.get().apply(r));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @DynamicPropertySource
        static void modelUrl(DynamicPropertyRegistry registry) {
            registry.add("support-agent.ai.base-url", () -> model.url() + "/v1");
        }

        @LocalServerPort
        int port;

        @Autowired
        AgentFixtures fixtures;

        /** The model client's first call in a JVM loads its classes, which takes much of this context's 1 s. */
        @BeforeAll
        void warmUpTheModelClient() {
            script.set(r -> FakeModelServer.Answer.sse(FakeModelServer.openAiText("Hello!")));
            var shop = fixtures.shop("alice@example.com");
            var c = fixtures.conversation(shop, null);

            var answer = Http.on(port)
                    .bearer(shop.org().liveKey())
                    .post("/v1/conversations/" + c.id() + "/messages", Map.of("role", "customer", "content", "Hi"));

            assertThat(answer.json().path("reply").path("content").asString()).isEqualTo("Hello!");
        }

        @AfterAll
        void stop() {
            model.close();
        }

        private record Event(String name, JsonNode data) {}

        private static List<Event> events(String body) {
            List<Event> events = new ArrayList<>();
            for (String block : body.split("\n\n")) {
                String name = null;
                String data = null;
                for (String line : block.split("\n")) {
                    if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data = line.substring(6);
                    }
                }
                if (name != null) {
                    events.add(new Event(name, FakeModelServer.JSON.readTree(data)));
                }
            }
            return events;
        }

        /** What the widget shows at the end: the deltas after the last {@code error}. */
        private static String shown(List<Event> events) {
            StringBuilder text = new StringBuilder();
            for (Event e : events) {
                switch (e.name()) {
                    case "error" -> text.setLength(0);
                    case "delta" -> text.append(e.data().path("text").asString());
                    default -> {}
                }
            }
            return text.toString();
        }

        private static String lastAgentMessage(JsonNode conversation) {
            String content = null;
            for (JsonNode m : conversation.path("messages")) {
                if (m.path("role").asString().equals("agent")) {
                    content = m.path("content").asString();
                }
            }
            return content;
        }

        @Test
        void theWidgetsStreamEndsAtTheTimeoutWithTheReplyThatIsStored() {
            model.requests.clear();
            script.set(r -> slowToolLoop("openai"));
            var shop = fixtures.shop("alice@example.com");
            var widget = Http.on(port)
                    .header("X-Widget-Key", shop.instance().publicKey())
                    .header("Origin", AgentFixtures.ORIGIN);
            long start = System.nanoTime();
            var response = widget.header("Accept", "text/event-stream")
                    .post("/widget/v1/conversations", Map.of("message", "How long is shipping?"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            JsonNode opened = events(response.body()).getFirst().data();
            String id = opened.get("id").asString();
            var chat = widget.header("X-Conversation-Token", opened.get("token").asString());

            assertThat(took)
                    .as("a model that never finishes, and a 1 s timeout")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(model.requests.size()).as("model calls").isLessThanOrEqualTo(2);
            var events = events(response.body());
            assertThat(events)
                    .extracting(Event::name)
                    .contains("error", "handoff")
                    .endsWith("done");
            JsonNode done = events.getLast().data();
            assertThat(shown(events)).isEqualTo(SupportAgent.GRACEFUL);
            assertThat(done.path("reply").path("content").asString()).isEqualTo(shown(events));
            assertThat(done.path("conversation").path("owner").asString()).isEqualTo("human");
            var history = chat.get("/widget/v1/conversations/" + id).json();
            assertThat(lastAgentMessage(history)).isEqualTo(shown(events));
            assertThat(history.path("status").asString()).isEqualTo("handed_off");
        }

        @Test
        void aModelFailingMidStreamAnswersTheSameInTheStreamInJsonAndInStorage() {
            model.requests.clear();
            script.set(r -> FakeModelServer.Answer.slowly(
                    Duration.ofMillis(100),
                    FakeModelServer.openAiPieces("Your order "),
                    FakeModelServer.openAiError("The server had an error while processing your request.")));
            var shop = fixtures.shop("alice@example.com");
            var api = Http.on(port).bearer(shop.org().liveKey());
            var streamed = fixtures.conversation(shop, null);
            var answered = fixtures.conversation(shop, null);

            var sse = api.header("Accept", "text/event-stream")
                    .post(
                            "/v1/conversations/" + streamed.id() + "/messages",
                            Map.of("role", "customer", "content", "Where is order 1001?"));
            var json = api.post(
                    "/v1/conversations/" + answered.id() + "/messages",
                    Map.of("role", "customer", "content", "Where is order 1001?"));

            var events = events(sse.body());
            assertThat(events)
                    .extracting(e -> e.name() + " " + e.data().path("text").asString())
                    .startsWith("message ", "delta Your order ", "error ");
            assertThat(shown(events)).isEqualTo(SupportAgent.GRACEFUL);
            assertThat(events.getLast().data().path("reply").path("content").asString())
                    .isEqualTo(shown(events));
            assertThat(lastAgentMessage(
                            api.get("/v1/conversations/" + streamed.id()).json()))
                    .isEqualTo(shown(events));
            assertThat(json.status()).isEqualTo(201);
            assertThat(json.json().path("reply").path("content").asString()).isEqualTo(SupportAgent.GRACEFUL);
            assertThat(lastAgentMessage(
                            api.get("/v1/conversations/" + answered.id()).json()))
                    .isEqualTo(SupportAgent.GRACEFUL);
            assertThat(json.json().path("conversation").path("owner").asString())
                    .isEqualTo("human");
        }
    }
}
