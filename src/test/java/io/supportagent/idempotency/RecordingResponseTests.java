package io.supportagent.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

class RecordingResponseTests {

    @Test
    void holdsAnOrdinaryAnswerBackUntilFinishedThenSendsItWithItsLength() throws IOException {
        var client = new MockHttpServletResponse();
        var recording = new RecordingResponse(client);
        recording.setContentType("application/json");

        recording.getOutputStream().write("{\"id\":1}".getBytes(StandardCharsets.UTF_8));
        recording.getOutputStream().flush();
        recording.flushBuffer();

        assertThat(client.getContentAsByteArray()).isEmpty();
        assertThat(client.isCommitted()).isFalse();
        assertThat(new String(recording.recorded(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
        recording.finish();
        assertThat(client.getContentAsString()).isEqualTo("{\"id\":1}");
        assertThat(client.getContentLength()).isEqualTo(8);
    }

    @Test
    void sendsAnEventStreamAtEachFlushAndRecordsItWhole() throws IOException {
        var client = new MockHttpServletResponse();
        var recording = new RecordingResponse(client);
        recording.setContentType("text/event-stream");
        recording.setCharacterEncoding("UTF-8");
        PrintWriter out = recording.getWriter();

        out.write("event: message\ndata: {}\n\n");
        out.flush();
        assertThat(client.getContentAsString()).isEqualTo("event: message\ndata: {}\n\n");
        assertThat(client.isCommitted()).isTrue();
        out.write("event: done\ndata: {\"ü\":1}\n\n");
        out.flush();
        recording.finish();

        String whole = "event: message\ndata: {}\n\nevent: done\ndata: {\"ü\":1}\n\n";
        assertThat(client.getContentAsString()).isEqualTo(whole);
        assertThat(new String(recording.recorded(), StandardCharsets.UTF_8)).isEqualTo(whole);
    }

    @Test
    void keepsRecordingAStreamAfterTheClientLeftSoThatTheRetryGetsAllOfIt() throws IOException {
        var gone = new HttpServletResponseWrapper(new MockHttpServletResponse()) {
            @Override
            public ServletOutputStream getOutputStream() {
                return new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        throw new IOException("Broken pipe");
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {}
                };
            }
        };
        var recording = new RecordingResponse(gone);
        recording.setContentType("text/event-stream");
        PrintWriter out = recording.getWriter();

        out.write("event: message\n\n");
        out.flush();
        out.write("event: done\n\n");
        out.flush();
        recording.finish();

        assertThat(out.checkError()).isFalse();
        assertThat(new String(recording.recorded(), StandardCharsets.US_ASCII))
                .isEqualTo("event: message\n\nevent: done\n\n");
    }
}
