package io.supportagent.agents;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for a model vendor's API, speaking its real wire format (scripted per test): it records every
 * request body and answers with what {@code script} returns for it: a status and a body (SSE or JSON), at once or,
 * like a slow model, a piece at a time without end.
 */
final class FakeModelServer implements AutoCloseable {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    /**
     * @param parts sent one after the other, {@code pause} apart; a single part is sent at once, with its length
     * @param endless the last part is sent again and again, {@code pause} apart, until the client hangs up or the
     *     server closes
     */
    record Answer(int status, String contentType, List<String> parts, Duration pause, boolean endless) {

        Answer(int status, String contentType, String body) {
            this(status, contentType, List.of(body), Duration.ZERO, false);
        }

        /** A stream that takes its time, as a slow model's does. */
        static Answer slowly(Duration pause, String... parts) {
            return new Answer(200, "text/event-stream", List.of(parts), pause, false);
        }

        /** A stream without end: {@code head}, then {@code repeated} again and again. */
        static Answer endless(Duration pause, String head, String repeated) {
            return new Answer(200, "text/event-stream", List.of(head, repeated), pause, true);
        }

        static Answer sse(String body) {
            return new Answer(200, "text/event-stream", body);
        }

        static Answer json(String body) {
            return new Answer(200, "application/json", body);
        }
    }

    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    final CountDownLatch released = new CountDownLatch(1);
    /** Streams still being written: an endless one stays until its client hangs up. */
    final AtomicInteger streaming = new AtomicInteger();

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
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        if (answer.parts().size() == 1 && !answer.endless()) {
            byte[] body = answer.parts().getFirst().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        exchange.sendResponseHeaders(answer.status(), 0); // chunked: each part as it is ready
        streaming.incrementAndGet();
        try (OutputStream out = exchange.getResponseBody()) {
            Iterator<String> parts = answer.parts().iterator();
            String part = parts.next();
            while (true) {
                out.write(part.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (parts.hasNext()) {
                    part = parts.next();
                } else if (!answer.endless()) {
                    break;
                }
                if (released.await(answer.pause().toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
        } catch (IOException e) {
            // the client hung up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streaming.decrementAndGet();
            exchange.close();
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
                + "data: [DONE]\n\n";
    }

    static String openAiText(String... pieces) {
        return openAiPieces(pieces) + openAiChunk("{}", "stop") + "data: [DONE]\n\n";
    }

    /** The start of a text reply, without its end. */
    static String openAiPieces(String... pieces) {
        StringBuilder out = new StringBuilder(openAiChunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
        for (String p : pieces) {
            out.append(openAiPiece(p));
        }
        return out.toString();
    }

    static String openAiPiece(String piece) {
        return openAiChunk("{\"content\":" + JSON.writeValueAsString(piece) + "}", null);
    }

    /** An error in the middle of a stream, as OpenAI sends it. */
    static String openAiError(String message) {
        return "data: {\"error\":{\"message\":" + JSON.writeValueAsString(message)
                + ",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n";
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
        return anthropicStart() + anthropicToolBlock(0, name, argumentsJson) + anthropicEnd("tool_use");
    }

    /** Ends the text that {@link #anthropicPieces} began with a tool call. */
    static String anthropicThenToolUse(String name, String argumentsJson) {
        return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                + anthropicToolBlock(1, name, argumentsJson)
                + anthropicEnd("tool_use");
    }

    private static String anthropicToolBlock(int index, String name, String argumentsJson) {
        String first = argumentsJson.substring(0, argumentsJson.length() / 2);
        String second = argumentsJson.substring(argumentsJson.length() / 2);
        return event(
                        "content_block_start",
                        "{\"type\":\"content_block_start\",\"index\":" + index
                                + ",\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_" + index
                                + "\",\"name\":\"" + name + "\",\"input\":{}}}")
                + event(
                        "content_block_delta",
                        "{\"type\":\"content_block_delta\",\"index\":" + index
                                + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
                                + JSON.writeValueAsString(first) + "}}")
                + event(
                        "content_block_delta",
                        "{\"type\":\"content_block_delta\",\"index\":" + index
                                + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
                                + JSON.writeValueAsString(second) + "}}")
                + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
    }

    static String anthropicText(String... pieces) {
        return anthropicPieces(pieces)
                + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                + anthropicEnd("end_turn");
    }

    /** The start of a text reply, without its end. */
    static String anthropicPieces(String... pieces) {
        StringBuilder out = new StringBuilder(anthropicStart())
                .append(
                        event(
                                "content_block_start",
                                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        for (String p : pieces) {
            out.append(anthropicPiece(p));
        }
        return out.toString();
    }

    static String anthropicPiece(String piece) {
        return event(
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
                        + JSON.writeValueAsString(piece) + "}}");
    }

    /** An error in the middle of a stream, as Anthropic sends it. */
    static String anthropicError(String message) {
        return event(
                "error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":"
                        + JSON.writeValueAsString(message) + "}}");
    }
}
