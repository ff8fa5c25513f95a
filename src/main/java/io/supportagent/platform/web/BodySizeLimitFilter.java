package io.supportagent.platform.web;

import io.supportagent.platform.PayloadTooLarge;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over {@code support-agent.http.max-body-size} with 413 {@code payload_too_large}: at once when the
 * declared {@code Content-Length} is too large, and by counting the bytes actually read when it is absent (chunked)
 * or lies. Accepted bodies are kept in memory ({@link CachedBodyRequest}); they are small by construction.
 */
@Component
@Order(WebPipeline.BODY_SIZE)
class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final ProblemWriter problems;

    BodySizeLimitFilter(HttpSettings settings, ProblemWriter problems) {
        this.maxBytes = settings.maxBodySize().toBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (dashboardUpload(request)) {
            // A file uploaded by a signed-in person's form (articles to import): larger, declared, and parsed by the
            // container's multipart support (spring.servlet.multipart limits), so it is not read into memory here.
            if (chunked || declared > MAX_UPLOAD_BYTES) {
                refuse(response, MAX_UPLOAD_BYTES);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (declared <= 0 && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        if (declared > maxBytes) {
            refuse(response);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), maxBytes + 1);
        if (body.length > maxBytes) {
            refuse(response);
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private void refuse(HttpServletResponse response) throws IOException {
        refuse(response, maxBytes);
    }

    private void refuse(HttpServletResponse response, long limit) throws IOException {
        // The connection may still hold unread bytes; closing it spares reading them.
        response.setHeader("Connection", "close");
        problems.write(response, new PayloadTooLarge(limit));
    }

    /** The most a dashboard upload may hold (a 5 MB file and the form around it). */
    static final long MAX_UPLOAD_BYTES = 6L * 1024 * 1024;

    private static boolean dashboardUpload(HttpServletRequest request) {
        String type = request.getContentType();
        return "POST".equals(request.getMethod())
                && type != null
                && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")
                && request.getRequestURI().startsWith("/app/");
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while (total < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) != -1) {
            out.write(buffer, 0, n);
            total += n;
        }
        return out.toByteArray();
    }
}
