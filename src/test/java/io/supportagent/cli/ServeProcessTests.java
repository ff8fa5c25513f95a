package io.supportagent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.supportagent.support.Http;
import io.supportagent.support.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as an operator starts it: the README's command in a separate process, on the embedded PostgreSQL,
 * and the one-line failures for a database that cannot be used.
 */
class ServeProcessTests {

    private static final Pattern LIVE_KEY = Pattern.compile("live key:\\s+(sk_live_\\S+)");
    private static final Pattern OWNER_EMAIL = Pattern.compile("owner email:\\s+(\\S+)");
    private static final Pattern OWNER_PASSWORD = Pattern.compile("owner password:\\s+(\\S+)");
    private static final Pattern OPERATOR_TOKEN = Pattern.compile("Operator token:\\s+(op_\\S+)");
    private static final Pattern ORG_ID = Pattern.compile("Demo organization .*, ([0-9a-f-]{36})\\)");

    @TempDir
    Path temp;

    Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void theReadmeRunCommandServesHealthAndPrintsWorkingDemoKeysAndARestartKeepsTheData() throws Exception {
        int port = freePort();
        Path log = temp.resolve("serve.log");
        process = start(List.of("./mvnw", "spring-boot:run"), port, log);

        // Maven, a compile check and an embedded PostgreSQL's first start: minutes on a loaded two-core machine.
        String output = awaitOutput(log, LIVE_KEY, Duration.ofMinutes(8));
        String liveKey = match(LIVE_KEY, output);
        String orgId = match(ORG_ID, output);
        assertThat(output)
                .contains(
                        "Operator token:",
                        "test key:",
                        "sk_test_",
                        "widget key:",
                        "pk_widget_",
                        "http://localhost:" + port);
        // UP once the node has warmed up (OUT_OF_SERVICE meanwhile, support-agent.warm-up.duration).
        await().atMost(Duration.ofMinutes(1))
                .untilAsserted(() -> assertThat(Http.on(port)
                                .get("/actuator/health")
                                .json()
                                .get("status")
                                .asText())
                        .isEqualTo("UP"));
        var organization = Http.on(port).bearer(liveKey).get("/v1/organization");
        assertThat(organization.status()).isEqualTo(200);
        assertThat(organization.json().get("tier").asText()).isEqualTo("pro");
        // The printed owner signs in to a working dashboard.
        var owner = new io.supportagent.support.MemberFixtures.Person(
                null, match(OWNER_EMAIL, output), match(OWNER_PASSWORD, output));
        var dashboard = io.supportagent.support.DashboardSession.signedIn(port, owner);
        var overview = dashboard.follow(dashboard.get("/app"));
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.body()).contains("Demo Outfitters", "Conversations this month");

        stop();
        Path secondLog = temp.resolve("serve-again.log");
        String configuredToken = "op_configured_" + Long.toHexString(System.nanoTime());
        process = start(javaCommand(), port, secondLog, Map.of("SUPPORT_AGENT_OPERATOR_TOKEN", configuredToken));
        String again = awaitOutput(secondLog, LIVE_KEY, Duration.ofMinutes(4));
        assertThat(again)
                .as("a configured operator token is a secret: never printed")
                .doesNotContain(configuredToken)
                .contains("Operator token:   as set in SUPPORT_AGENT_OPERATOR_TOKEN");
        assertThat(Http.on(port)
                        .bearer(configuredToken)
                        .get("/platform/v1/organizations")
                        .status())
                .isEqualTo(200);

        assertThat(match(ORG_ID, again))
                .as("same demo organization after a restart")
                .isEqualTo(orgId);
        assertThat(Http.on(port).bearer(liveKey).get("/v1/organization").status())
                .as("the previous start's demo key was revoked")
                .isEqualTo(401);
        assertThat(Http.on(port)
                        .bearer(match(LIVE_KEY, again))
                        .get("/v1/organization")
                        .status())
                .isEqualTo(200);
        assertThat(io.supportagent.support.DashboardSession.anonymous(port)
                        .signIn(owner.email(), owner.password())
                        .location())
                .as("the previous start's owner password no longer works")
                .contains("/login");
        io.supportagent.support.DashboardSession.signedIn(
                port,
                new io.supportagent.support.MemberFixtures.Person(
                        null, match(OWNER_EMAIL, again), match(OWNER_PASSWORD, again)));
    }

    @Test
    void withAConfiguredDatabaseServeSeedsNoDemoAndPrintsTheTokenItMadeUp() throws Exception {
        String name = "sa_cli_" + Long.toHexString(System.nanoTime());
        String url = TestDatabase.create(name);
        try {
            int port = freePort();
            Path log = temp.resolve("serve-configured.log");
            process = start(javaCommand(), port, log, Map.of("DATABASE_URL", url));
            String output = awaitOutput(log, OPERATOR_TOKEN, Duration.ofMinutes(4));

            assertThat(Http.on(port)
                            .bearer(match(OPERATOR_TOKEN, output))
                            .get("/platform/v1/organizations")
                            .json()
                            .get("data")
                            .size())
                    .as("no demo organization in a configured database")
                    .isZero();
            assertThat(output).doesNotContain("Demo organization", "live key:");
            assertThat(Http.on(port).get("/demo").status()).isEqualTo(404);
        } finally {
            stop();
            TestDatabase.drop(name);
        }
    }

    @Test
    void aMalformedDatabaseUrlStopsWithOneClearLine() throws Exception {
        var result = runToExit(Map.of("DATABASE_URL", "mysql://root@localhost/shop"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("error: DATABASE_URL must start with postgres://");
        assertThat(result.output()).doesNotContain("\tat ", "Exception in thread");
    }

    @Test
    void anUnreachableDatabaseStopsWithOneClearLine() throws Exception {
        var result = runToExit(Map.of("DATABASE_URL", "postgres://nobody@127.0.0.1:" + freePort() + "/nothing"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output())
                .containsPattern("error: cannot connect to postgres://nobody@127.0.0.1:\\d+/nothing");
        assertThat(result.output()).doesNotContain("\tat ", "Exception in thread");
    }

    @Test
    void theMigrateCommandAppliesTheSchemaAndRollsItBackToATag() throws Exception {
        String name = "sa_cli_" + Long.toHexString(System.nanoTime());
        String url = TestDatabase.create(name);
        try {
            var up = runToExit(Map.of("DATABASE_URL", url), "migrate");
            assertThat(up.exitCode()).as(up.output()).isZero();
            assertThat(up.output()).contains("The schema is up to date.");
            // Liquibase reports through its logger, not straight to the console.
            assertThat(up.output()).doesNotContain("UPDATE SUMMARY", "Running Changeset");
            assertThat(tables(url)).contains("organizations", "stores");

            var again = runToExit(Map.of(), "migrate", "--database-url", url);
            assertThat(again.exitCode())
                    .as("--database-url works for every command: %s", again.output())
                    .isZero();
            assertThat(again.output()).contains("The schema is up to date.");

            var down =
                    runToExit(Map.of(), "migrate", "--database-url=" + url, "--rollback-to", "single-tenant", "--yes");
            assertThat(down.exitCode()).as(down.output()).isZero();
            assertThat(tables(url))
                    .contains("stores", "conversations", "messages")
                    .doesNotContain("organizations");
        } finally {
            TestDatabase.drop(name);
        }
    }

    @Test
    void anUnknownCommandIsRefusedBeforeAnythingStarts() throws Exception {
        var result = runToExit(Map.of(), "migrat");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("error: unknown command 'migrat'");
    }

    private static List<String> tables(String url) throws java.sql.SQLException {
        try (var c = java.sql.DriverManager.getConnection(url);
                var rs = c.createStatement()
                        .executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            var names = new java.util.ArrayList<String>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    record Result(int exitCode, String output) {}

    private Result runToExit(Map<String, String> env, String... args) throws Exception {
        Path log = Files.createTempFile(temp, "run", ".log");
        List<String> command = new java.util.ArrayList<>(javaCommand());
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment()
                .put("SUPPORT_AGENT_DATA_DIR", temp.resolve("unused-pgdata").toString());
        builder.environment().put("PORT", String.valueOf(freePort()));
        builder.environment().putAll(env);
        process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), Files.readString(log));
    }

    private Process start(List<String> command, int port, Path log) throws IOException {
        return start(command, port, log, Map.of());
    }

    private Process start(List<String> command, int port, Path log, Map<String, String> extraEnv) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.remove("DATABASE_URL");
        env.remove("SUPPORT_AGENT_OPERATOR_TOKEN");
        env.remove("SUPPORT_AGENT_DEMO_ENABLED");
        env.put("PORT", String.valueOf(port));
        env.put("SUPPORT_AGENT_DATA_DIR", temp.resolve("pgdata").toString());
        env.putAll(extraEnv);
        return builder.start();
    }

    private static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-cp", System.getProperty("java.class.path"), "io.supportagent.SupportAgentApplication");
    }

    private String awaitOutput(Path log, Pattern pattern, Duration timeout) {
        return await().atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            assertThat(process.isAlive())
                                    .as("server process alive; its output:\n%s", Files.readString(log))
                                    .isTrue();
                            return Files.readString(log);
                        },
                        text -> pattern.matcher(text).find());
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("%s in output", pattern).isTrue();
        return m.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
