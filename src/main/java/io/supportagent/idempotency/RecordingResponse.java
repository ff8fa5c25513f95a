package io.supportagent.idempotency;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The answer to a request with an {@code Idempotency-Key}, recorded whole for replays while it goes to the client.
 *
 * <p>An ordinary answer is held back until {@link #finish()}, which the filter calls after it has stored the answer
 * (as Spring's {@code ContentCachingResponseWrapper} does): a client that has the answer can retry at once and gets
 * the replay, never a 409. An event stream ({@code text/event-stream}) cannot wait for its end: each flush sends what
 * was written so far, so the events reach the client as the reply is made. If the client goes away mid-stream the
 * recording goes on, so that the retry replays the whole first answer.
 */
final class RecordingResponse extends HttpServletResponseWrapper {

    private final Recording recorded = new Recording();
    private int sent;
    private boolean clientGone;
    private ServletOutputStream stream;
    private PrintWriter writer;

    RecordingResponse(HttpServletResponse response) {
        super(response);
    }

    /** Everything written so far, sent or not. */
    byte[] recorded() throws IOException {
        flushWriter();
        return recorded.toByteArray();
    }

    /** Sends what is still held back: the whole answer unless it was streamed, with its length when known. */
    void finish() throws IOException {
        flushWriter();
        int pending = recorded.size() - sent;
        if (pending > 0 && sent == 0 && !super.isCommitted() && super.getHeader("Transfer-Encoding") == null) {
            super.setContentLength(pending);
        }
        passThrough();
    }

    /**
     * Forgets the answer held back, so that nothing of it goes out (it could not be stored, so it may not be true);
     * what an event stream has sent is sent.
     */
    void discard() {
        flushWriter();
        if (sent > 0) {
            clientGone = true; // a stream: what went out stays out, nothing more follows
        }
        recorded.reset();
        sent = 0;
    }

    private boolean streaming() {
        String type = getContentType();
        return type != null && type.regionMatches(true, 0, "text/event-stream", 0, "text/event-stream".length());
    }

    private void written() {
        if (streaming()) {
            passThrough();
        }
    }

    private void flushed() throws IOException {
        if (streaming()) {
            passThrough();
            if (!clientGone) {
                try {
                    super.getOutputStream().flush();
                } catch (IOException e) {
                    clientGone = true;
                }
            }
        }
    }

    /** Hands the bytes not yet sent to the real response; a client that left stops getting them, silently. */
    private void passThrough() {
        if (clientGone || recorded.size() == sent) {
            return;
        }
        try {
            recorded.writeTo(super.getOutputStream(), sent);
            sent = recorded.size();
        } catch (IOException e) {
            clientGone = true;
        }
    }

    private void flushWriter() {
        if (writer != null) {
            writer.flush();
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            ServletOutputStream real = super.getOutputStream();
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    recorded.write(b);
                    written();
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    recorded.write(b, off, len);
                    written();
                }

                @Override
                public void flush() throws IOException {
                    flushed();
                }

                @Override
                public boolean isReady() {
                    return real.isReady();
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    real.setWriteListener(listener);
                }
            };
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), charset));
        }
        return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
        flushWriter();
        flushed();
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer(); // refuses once committed; until then nothing reached the client
        recorded.reset();
        sent = 0;
    }

    @Override
    public void reset() {
        super.reset();
        recorded.reset();
        sent = 0;
    }

    /** The container writes the error answer itself; nothing written before it belongs to the answer. */
    @Override
    public void sendError(int status) throws IOException {
        super.sendError(status); // refuses once committed
        recorded.reset();
        sent = 0;
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        super.sendError(status, message);
        recorded.reset();
        sent = 0;
    }

    /** A byte buffer that can write out its tail without copying the whole. */
    private static final class Recording extends ByteArrayOutputStream {

        synchronized void writeTo(OutputStream out, int from) throws IOException {
            out.write(buf, from, count - from);
        }
    }
}
