package io.supportagent.cli;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** {@code GET /demo}: a small store page with the demo agent instance's widget, for a first look. */
@RestController
@Conditional(DemoEnabled.class)
class DemoPageController {

    private final DemoSeeder seeder;

    DemoPageController(DemoSeeder seeder) {
        this.seeder = seeder;
    }

    @GetMapping(path = "/demo", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page() {
        DemoSeeder.Demo demo = seeder.current();
        if (demo == null) {
            return ResponseEntity.status(503).contentType(MediaType.TEXT_PLAIN).body("The demo is being set up.");
        }
        String key = HtmlUtils.htmlEscape(demo.instance().publicKey());
        String html = """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Demo Outfitters</title>
                <style>
                  body{margin:0;font-family:system-ui,sans-serif;color:#1f2937;background:#f8fafc}
                  header{background:#0f172a;color:#fff;padding:18px 24px}
                  h1{margin:0;font-size:22px} main{max-width:900px;margin:0 auto;padding:24px}
                  .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:16px}
                  .card{background:#fff;border:1px solid #e2e8f0;border-radius:10px;padding:16px}
                  .card h2{font-size:17px;margin:0 0 6px} .price{font-weight:600}
                </style>
                </head>
                <body>
                <header><h1>Demo Outfitters</h1></header>
                <main>
                  <p>This is a demo store. Open the chat at the bottom right and ask about shipping, returns, sizing,
                  warranty or payment, or about order 1001 (email alice@example.com).</p>
                  <div class="grid">
                    <div class="card"><h2>Trail jacket</h2><p>Waterproof, breathable.</p><p class="price">$129</p></div>
                    <div class="card"><h2>Canvas trousers</h2><p>Tough and comfortable.</p><p class="price">$79</p></div>
                    <div class="card"><h2>Wool socks</h2><p>Warm on every trail.</p><p class="price">$15</p></div>
                  </div>
                </main>
                <script src="/widget.js" data-key="%s" async></script>
                </body>
                </html>
                """.formatted(key);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.TEXT_HTML)
                .body(html);
    }
}
