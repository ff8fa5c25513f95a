package io.supportagent.widget;

import io.supportagent.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /widget.js}: the static widget script, cacheable (five minutes, then revalidated by ETag), gzipped for
 * clients that accept it. It is read and compressed once at start-up.
 */
@RestController
@Tag(name = ApiTags.WIDGET)
class WidgetScriptController {

    static final String RESOURCE = "/widget/widget.js";
    static final MediaType JAVASCRIPT = new MediaType("text", "javascript", java.nio.charset.StandardCharsets.UTF_8);

    private final byte[] plain;
    private final byte[] gzipped;
    private final String etag;

    WidgetScriptController() {
        try (InputStream in = WidgetScriptController.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            plain = in.readAllBytes();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(plain);
            }
            gzipped = out.toByteArray();
            etag = "\""
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(plain), 0, 8) + "\"";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Operation(
            operationId = "getWidgetScript",
            summary = "Get the widget script",
            description = "The script a store's pages embed the chat with (a script element whose `src` is this"
                    + " URL and whose `data-key` is the agent instance's widget key): public, cacheable for five"
                    + " minutes, then revalidated by ETag (304); gzipped when the client accepts it.",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "The script",
                        content = @Content(mediaType = "text/javascript", schema = @Schema(type = "string"))),
                @ApiResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)")
            })
    @GetMapping("/widget.js")
    ResponseEntity<byte[]> script(@Parameter(hidden = true) HttpServletRequest request) {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
                .contentType(JAVASCRIPT)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .eTag(etag)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        if (etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            return ResponseEntity.status(304).eTag(etag).build();
        }
        String accepted = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
        if (accepted != null && accepted.contains("gzip")) {
            return ok.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(gzipped);
        }
        return ok.body(plain);
    }

    int gzippedSize() {
        return gzipped.length;
    }

    byte[] gzipped() {
        return gzipped.clone();
    }
}
