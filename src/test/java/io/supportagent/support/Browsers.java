package io.supportagent.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real browser of the browser tests: Debian's Chromium, headless, driven by its ChromeDriver, and axe-core's
 * accessibility check of what it shows. Where either is not installed the tests that need it are skipped, with the
 * command that installs it.
 */
public final class Browsers {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    static final Path AXE = Path.of("node_modules/axe-core/axe.min.js");

    private Browsers() {}

    /** Skips the calling tests where Debian's Chromium is not installed. */
    public static void assumeChromium() {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium is not installed: apt-get install chromium chromium-driver");
    }

    /**
     * A new headless Chromium with a profile of its own, so that two browsers of one test (a shopper and a member)
     * share no cookies. Scrollbars are hidden so that screenshots show the page as designed.
     */
    public static WebDriver headless() throws IOException {
        assumeChromium();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** Ends the browsers that were started (null where a start was skipped). */
    public static void quit(WebDriver... browsers) {
        for (WebDriver browser : browsers) {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    /** Whether axe-core is installed in the project root ({@code npm install --no-save axe-core@4}). */
    public static boolean axeInstalled() {
        return Files.exists(AXE);
    }

    /**
     * axe-core's serious and critical violations inside the first element {@code selector} matches ({@code document}
     * for the whole page), each as its rule, impact, count and first target. Skips the calling test where axe-core is
     * not installed.
     */
    public static List<String> seriousViolations(WebDriver browser, String selector) throws IOException {
        Assumptions.assumeTrue(
                Files.exists(AXE),
                "axe-core is not installed: run `npm install --no-save axe-core@4` in the project root");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(Files.readString(AXE, StandardCharsets.UTF_8));
        Object result = js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var scope = arguments[0] === 'document' ? document : document.querySelector(arguments[0]);
                axe.run(scope, {resultTypes: ['violations']})
                   .then(function (r) { done(JSON.stringify(r.violations.map(function (v) {
                       return {id: v.id, impact: v.impact, nodes: v.nodes.length,
                               target: v.nodes.length ? v.nodes[0].target : null}; }))); })
                   .catch(function (e) { done('error: ' + e); });""", selector);
        if (result.toString().startsWith("error")) {
            throw new AssertionError("axe-core could not run: " + result);
        }
        List<String> serious = new ArrayList<>();
        for (JsonNode v : JsonMapper.builder().build().readTree(result.toString())) {
            if (List.of("serious", "critical").contains(v.get("impact").asString())) {
                serious.add(v.toString());
            }
        }
        return serious;
    }
}
