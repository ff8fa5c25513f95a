package io.supportagent.platform.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request whose body was read in full (within the size limit) by {@link BodySizeLimitFilter}, so that later
 * filters (idempotency fingerprints) and the controller can both read it. A form's fields
 * ({@code application/x-www-form-urlencoded}, the dashboard's forms) are parameters as the servlet API promises: the
 * container can no longer read them from the consumed stream, so they are parsed here from the kept bytes.
 */
public final class CachedBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    /** The body bytes of a request that passed the size filter; empty for a request without one. */
    public static byte[] body(HttpServletRequest request) {
        HttpServletRequest current = request;
        while (current instanceof HttpServletRequestWrapper wrapper) {
            if (current instanceof CachedBodyRequest cached) {
                return cached.body.clone();
            }
            current = (HttpServletRequest) wrapper.getRequest();
        }
        return new byte[0];
    }

    private Map<String, String[]> parameters;

    @Override
    public String getParameter(String name) {
        String[] values = getParameterMap().get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = getParameterMap().get(name);
        return values == null ? null : values.clone();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
    }

    /** The query string's parameters (as the container read them), then the form's, in order. */
    @Override
    public synchronized Map<String, String[]> getParameterMap() {
        if (parameters == null) {
            Map<String, List<String>> all = new LinkedHashMap<>();
            super.getParameterMap()
                    .forEach((name, values) ->
                            all.computeIfAbsent(name, n -> new ArrayList<>()).addAll(List.of(values)));
            String type = getContentType();
            if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int equals = pair.indexOf('=');
                    try {
                        String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), charset);
                        String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), charset);
                        all.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                    } catch (IllegalArgumentException malformed) {
                        // a broken escape: the field is dropped, as a container drops it
                    }
                }
            }
            Map<String, String[]> read = new LinkedHashMap<>();
            all.forEach((name, values) -> read.put(name, values.toArray(String[]::new)));
            parameters = Collections.unmodifiableMap(read);
        }
        return parameters;
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the body was read already");
            }

            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
}
