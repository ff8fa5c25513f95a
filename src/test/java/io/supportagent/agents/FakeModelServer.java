package io.supportagent.agents;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for a model vendor's API, speaking its real wire format (scripted per test): it records every
 * request body and answers with what {@code script} returns for it: a status and a body (SSE or JSON).
 */
final class FakeModelServer implements AutoCloseable {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    record Answer(int status, String contentType, String body) {

        static Answer sse(String body) {
            return new Answer(200, "text/event-stream", body);
        }

        static Answer json(String body) {
            return new Answer(200, "application/json", body);
        }
    }

    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    final CountDownLatch released = new CountDownLatch(1);
    private final HttpServer server;

    FakeModelServer(Function<JsonNode, Answer> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> handle(exchange, script));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange, Function<JsonNode, Answer> script) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        requests.add(request);
        Answer answer = script.apply(request);
        if (answer == null) { // hang until the test ends: a timeout
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The tool results the client sent back, in any vendor's format, as text. */
    String toolResults() {
        StringBuilder out = new StringBuilder();
        for (JsonNode r : requests) {
            for (JsonNode m : r.path("messages")) {
                if (m.path("role").asString().equals("tool")) {
                    out.append(m.path("content").toString()).append('\n');
                }
                for (JsonNode block : m.path("content")) {
                    if (block.path("type").asString().equals("tool_result")) {
                        out.append(block.path("content").toString()).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    static boolean hasToolResult(JsonNode request) {
        for (JsonNode m : request.path("messages")) {
            if (m.path("role").asString().equals("tool")) {
                return true;
            }
            for (JsonNode block : m.path("content")) {
                if (block.path("type").asString().equals("tool_result")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }

    // ---- OpenAI chat.completions streaming chunks

    static String openAiChunk(String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1764300000,"
                + "\"model\":\"fake\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
    }

    static String openAiToolCalls(String name, String argumentsJson) {
        String args = JSON.writeValueAsString(argumentsJson);
        int cut = args.length() / 2;
        // split the JSON-escaped argument string into two deltas, as real servers do
        String first = argumentsJson.substring(0, argumentsJson.length() / 2);
        String second = argumentsJson.substring(argumentsJson.length() / 2);
        return openAiChunk(
                        "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
                                + "\"type\":\"function\",\"function\":{\"name\":\"" + name
                                + "\",\"arguments\":\"\"}}]}",
                        null)
                + openAiChunk(
                        "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + JSON.writeValueAsString(first)
                                + "}}]}",
                        null)
                + openAiChunk(
                        "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + JSON.writeValueAsString(second)
                                + "}}]}",
                        null)
                + openAiChunk("{}", "tool_calls")
                + "data: [DONE]\n\n"
                + (cut < 0 ? "" : "");
    }

    static String openAiText(String... pieces) {
        StringBuilder out = new StringBuilder(openAiChunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
        for (String p : pieces) {
            out.append(openAiChunk("{\"content\":" + JSON.writeValueAsString(p) + "}", null));
        }
        return out.append(openAiChunk("{}", "stop")).append("data: [DONE]\n\n").toString();
    }

    // ---- Anthropic messages streaming events

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static String anthropicStart() {
        return event(
                "message_start",
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                        + "\"model\":\"fake\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                        + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}");
    }

    private static String anthropicEnd(String stopReason) {
        return event(
                        "message_delta",
                        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason
                                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":12}}")
                + event("message_stop", "{\"type\":\"message_stop\"}");
    }

    static String anthropicToolUse(String name, String argumentsJson) {
        String first = argumentsJson.substring(0, argumentsJson.length() / 2);
        String second = argumentsJson.substring(argumentsJson.length() / 2);
        return anthropicStart()
                + event(
                        "content_block_start",
                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\","
                                + "\"id\":\"toolu_1\",\"name\":\"" + name + "\",\"input\":{}}}")
                + event(
                        "content_block_delta",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
                                + "\"partial_json\":" + JSON.writeValueAsString(first) + "}}")
                + event(
                        "content_block_delta",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
                                + "\"partial_json\":" + JSON.writeValueAsString(second) + "}}")
                + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                + anthropicEnd("tool_use");
    }

    static String anthropicText(String... pieces) {
        StringBuilder out = new StringBuilder(anthropicStart())
                .append(
                        event(
                                "content_block_start",
                                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        for (String p : pieces) {
            out.append(event(
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
                            + JSON.writeValueAsString(p) + "}}"));
        }
        return out.append(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"))
                .append(anthropicEnd("end_turn"))
                .toString();
    }
}
