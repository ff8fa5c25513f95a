package io.supportagent.agents;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.ObjectMapper;

/**
 * Streams one reply as {@code text/event-stream}: {@code message} (the stored message), {@code delta} (text pieces),
 * {@code citation}, {@code error} (the model failed or timed out: discard the deltas so far; the graceful reply
 * follows, and it is what is stored), {@code handoff}, and {@code done} (the whole exchange, as the JSON answer would
 * be). Written on the request thread; the response starts with the first event, so that anything refused before (404,
 * 409, 400) is still a problem.
 */
public final class SseReplyWriter implements Consumer<ReplyEvent> {

    private final HttpServletResponse response;
    private final ObjectMapper json;
    private final ReplyViews views;
    private PrintWriter out;
    private boolean gone;

    SseReplyWriter(HttpServletResponse response, ObjectMapper json, ReplyViews views) {
        this.response = response;
        this.json = json;
        this.views = views;
    }

    @Override
    public void accept(ReplyEvent event) {
        switch (event) {
            case ReplyEvent.Accepted a -> write("message", views.message(a.message()));
            case ReplyEvent.Delta d -> write("delta", Map.of("text", d.text()));
            case ReplyEvent.Cited c -> write("citation", c.citation());
            case ReplyEvent.HandedOff h -> write("handoff", Map.of("reason", h.reason()));
            case ReplyEvent.Failed f -> write("error", Map.of("code", f.code(), "message", f.message()));
            case ReplyEvent.Done d -> write("done", views.exchange(d));
        }
    }

    /** Writes one more event of the caller's own, such as the conversation a widget start opened. */
    public void write(String name, Object data) {
        if (gone) {
            return; // the shopper left; the reply is still stored and shown with the history
        }
        try {
            if (out == null) {
                response.setStatus(200);
                response.setContentType("text/event-stream");
                response.setCharacterEncoding("UTF-8");
                response.setHeader("Cache-Control", "no-cache");
                response.setHeader("X-Accel-Buffering", "no");
                out = response.getWriter();
            }
            out.write("event: " + name + "\ndata: " + json.writeValueAsString(data) + "\n\n");
            out.flush();
            if (out.checkError()) {
                gone = true;
            }
        } catch (IOException | UncheckedIOException e) {
            gone = true;
        }
    }
}
