package io.supportagent.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.OperatorToken;
import io.supportagent.support.ApiFixtures;
import io.supportagent.support.Fixtures;
import io.supportagent.support.IntegrationTest;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The contract, proved the way an integrator meets it: a Java client and a TypeScript client are generated from the
 * document this server serves (openapi-generator, the Maven artifact the build copies to {@code target/tools}), then
 * compiled together with a short program written against them ({@code src/test/clients}), which runs an integrator's
 * first steps against this server: create an organization and a store, deploy an agent, start a conversation, send a
 * message, read usage, and get a 404 and a 429 as problems of the generated {@code Problem} type. Rate limits are on,
 * as in {@code RateLimitFilterTests}, whose application context this shares.
 */
@IntegrationTest
@TestPropertySource(properties = "support-agent.rate-limit.enabled=true")
@Import({Fixtures.class, ApiFixtures.class})
class GeneratedClientsTests {

    static final Path WORK = Path.of("target", "generated-clients");
    static final Path GENERATOR = Path.of("target", "tools", "openapi-generator-cli.jar");
    static final Path TSC = Path.of("node_modules", ".bin", "tsc");
    static final Path SOURCES = Path.of("src", "test", "clients");

    @LocalServerPort
    int port;

    @Autowired
    OperatorToken operatorToken;

    @Test
    void aGeneratedJavaClientRunsAnIntegratorsFirstSteps() throws Exception {
        Path dir = fresh("java");
        Path document = servedDocument(dir);
        generate(
                document,
                dir.resolve("client"),
                "java",
                "--library",
                "native",
                "--additional-properties=useJakartaEe=true,openApiNullable=false,hideGenerationTimestamp=true,"
                        + "invokerPackage=io.supportagent.client,apiPackage=io.supportagent.client.api,"
                        + "modelPackage=io.supportagent.client.model",
                "--global-property=apiTests=false,modelTests=false,apiDocs=false,modelDocs=false");

        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir.resolve("client").resolve("src/main/java"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toString()));
        }
        sources.add(SOURCES.resolve("java/SmokeFlow.java").toString());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        List<String> options = new ArrayList<>(List.of(
                "-proc:none",
                "-nowarn",
                "-encoding",
                "UTF-8",
                "-d",
                classes.toString(),
                // The test's class path: the generated client needs Jackson 2 and jakarta.annotation, both there.
                "-classpath",
                System.getProperty("java.class.path")));
        boolean compiled;
        try (var files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            compiled = javac.getTask(errors, files, null, options, null, files.getJavaFileObjectsFromStrings(sources))
                    .call();
        }
        assertThat(compiled)
                .as("the generated Java client and SmokeFlow compile:%n%s", errors)
                .isTrue();

        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Object outcome = loader.loadClass("SmokeFlow")
                    .getMethod("run", String.class, String.class)
                    .invoke(null, "http://127.0.0.1:" + port, operatorToken.reveal());
            assertThat(outcome).hasToString("flow ok; 404 not_found; 429 rate_limited");
        }
    }

    @Test
    void aGeneratedTypeScriptClientRunsAnIntegratorsFirstSteps() throws Exception {
        assertThat(TSC)
                .as("TypeScript is not installed: run `npm install --no-save typescript@5` in the project root"
                        + " (bash .ci/run does)")
                .exists();
        Path dir = fresh("typescript");
        Path document = servedDocument(dir);
        Path client = dir.resolve("client");
        generate(
                document,
                client,
                "typescript-fetch",
                "--additional-properties=supportsES6=true",
                "--global-property=apiDocs=false,modelDocs=false");
        Files.copy(SOURCES.resolve("typescript/smoke.ts"), client.resolve("smoke.ts"));
        Files.copy(SOURCES.resolve("typescript/tsconfig.json"), client.resolve("tsconfig.json"));

        Outcome compiled = run(
                List.of(TSC.toAbsolutePath().toString(), "-p", client.toString()), Map.of(), dir.resolve("tsc.log"));
        assertThat(compiled.exit()).as("tsc:%n%s", compiled.output()).isZero();

        Outcome flow = run(
                List.of("node", client.resolve("dist/smoke.js").toString()),
                Map.of("BASE_URL", "http://127.0.0.1:" + port, "OPERATOR_TOKEN", operatorToken.reveal()),
                dir.resolve("node.log"));
        assertThat(flow.exit()).as("the TypeScript flow:%n%s", flow.output()).isZero();
        assertThat(flow.output()).contains("flow ok; 404 not_found; 429 rate_limited");
    }

    private static Path fresh(String name) throws IOException {
        Path dir = WORK.resolve(name);
        FileSystemUtils.deleteRecursively(dir);
        return Files.createDirectories(dir);
    }

    /**
     * The document exactly as this server serves it. Its first computation takes seconds, many on a busy machine:
     * a longer wait than {@link io.supportagent.support.Http}'s.
     */
    private Path servedDocument(Path dir) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/v3/api-docs"))
                .timeout(java.time.Duration.ofMinutes(3))
                .build();
        var response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Files.writeString(dir.resolve("openapi.json"), response.body(), StandardCharsets.UTF_8);
    }

    private static void generate(Path document, Path output, String generator, String... options) throws Exception {
        assertThat(GENERATOR)
                .as("openapi-generator is not in target/tools: the build copies it (mvn generate-test-resources)")
                .exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                GENERATOR.toString(),
                "generate",
                "-i",
                document.toString(),
                "-g",
                generator,
                "-o",
                output.toString()));
        command.addAll(List.of(options));
        Outcome generated = run(command, Map.of(), output.resolveSibling("generator.log"));
        assertThat(generated.exit())
                .as("openapi-generator %s:%n%s", generator, generated.output())
                .isZero();
    }

    record Outcome(int exit, String output) {}

    private static Outcome run(List<String> command, Map<String, String> environment, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(new File("."));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Outcome(-1, "timed out: " + command);
        }
        return new Outcome(process.exitValue(), Files.readString(log));
    }
}
