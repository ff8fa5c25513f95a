package io.supportagent.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP/1.1 request with exactly the request line given, byte for byte: no client library normalizes, encodes or
 * refuses the target, so tests can send every spelling of a path an attacker could.
 */
public final class RawHttp {

    private RawHttp() {}

    /** The answer's status code and the whole answer as text (headers and body). */
    public record Answer(int status, String text, byte[] bytes) {

        public Answer(int status, String text) {
            this(status, text, text.getBytes(StandardCharsets.UTF_8));
        }

        /** A header's value (the first of that name), or null. */
        public String header(String name) {
            for (String line : text.substring(0, head()).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }

        /** The body, its chunks joined when the answer came in chunks. */
        public String body() {
            String rest = text.substring(Math.min(text.length(), head() + 4));
            if (!"chunked".equalsIgnoreCase(header("Transfer-Encoding"))) {
                return rest;
            }
            // Chunk sizes count bytes: decode on the bytes as they came (a chunk may end inside a character, which
            // decoding the whole answer first would have replaced), not on the characters.
            byte[] bytes = java.util.Arrays.copyOfRange(this.bytes, bodyStart(), this.bytes.length);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int at = 0;
            while (at < bytes.length) {
                int lineEnd = at;
                while (lineEnd + 1 < bytes.length && !(bytes[lineEnd] == '\r' && bytes[lineEnd + 1] == '\n')) {
                    lineEnd++;
                }
                String sizeLine = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1);
                int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
                if (size == 0) {
                    break;
                }
                body.write(bytes, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
            return body.toString(StandardCharsets.UTF_8);
        }

        /** Where the body starts in the answer's bytes (the head is ASCII). */
        private int bodyStart() {
            for (int i = 0; i + 3 < bytes.length; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                    return i + 4;
                }
            }
            return bytes.length;
        }

        private int head() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text.length() : end;
        }
    }

    public static Answer send(int port, String method, String target, Map<String, String> headers, String body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(target)
                    .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                    .append(port)
                    .append("\r\nConnection: close\r\n");
            headers.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                request.append("Content-Type: application/json\r\n");
            }
            request.append("Content-Length: ").append(content.length).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            byte[] raw = socket.getInputStream().readAllBytes();
            String answer = new String(raw, StandardCharsets.UTF_8);
            int space = answer.indexOf(' ');
            if (!answer.startsWith("HTTP/1.1 ") || space < 0 || answer.length() < space + 4) {
                throw new IllegalStateException("Not an HTTP answer to " + method + " " + target + ": " + answer);
            }
            return new Answer(Integer.parseInt(answer.substring(space + 1, space + 4)), answer, raw);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + target + ": " + e, e);
        }
    }
}
