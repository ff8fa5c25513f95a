package io.supportagent.platform.web;

import io.supportagent.platform.ServiceUnavailable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What a person's browser gets instead of a problem document when the database is away: a page that says so, asks
 * to try again in a moment and reloads by itself. Self-contained (no template, no stylesheet, no session, nothing that
 * reads the database), since nothing else can be rendered at that moment. The APIs keep their 503 problem+json.
 */
public final class UnavailablePage {

    static final String HTML = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="refresh" content="15">
            <title>Temporarily unavailable · Support Agent Platform</title>
            <style>
            body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f9;color:#1d2433}
            main{max-width:36rem;margin:4rem auto;padding:0 1rem}
            .banner{background:#fff4e5;border:1px solid #e8a33d;border-radius:8px;padding:1rem 1.25rem}
            h1{font-size:1.25rem;margin:0 0 .5rem}
            p{margin:.25rem 0}
            a{color:#3b4fd8}
            </style>
            </head>
            <body>
            <main>
            <div class="banner" role="alert">
            <h1>The dashboard is temporarily unavailable</h1>
            <p>We cannot reach our database right now. Nothing you saved is lost; this page tries again by itself every
            15 seconds.</p>
            <p><a href="">Try again now</a></p>
            </div>
            </main>
            </body>
            </html>
            """;

    private UnavailablePage() {}

    /** A request a person's browser made for a page (not an API call, not a script's fetch of JSON). */
    public static boolean wanted(HttpServletRequest request) {
        String path = request.getRequestURI();
        String accept = request.getHeader("Accept");
        boolean page = path.equals("/login")
                || path.equals("/app")
                || path.startsWith("/app/")
                || path.equals("/platform")
                || (path.startsWith("/platform/") && !path.startsWith("/platform/v1/"))
                || path.startsWith("/invitations/")
                || path.startsWith("/password-reset");
        return page && accept != null && accept.contains("text/html");
    }

    /** Answers 503 with {@code Retry-After} and the page. */
    public static void write(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", Integer.toString(ServiceUnavailable.RETRY_AFTER_SECONDS));
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html;charset=UTF-8");
        byte[] body = HTML.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
