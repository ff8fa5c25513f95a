package io.supportagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.SupportAgentApplication;
import io.supportagent.support.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** {@code migrate --rollback-to single-tenant} asks first and will not fold several organizations into one shop. */
@ExtendWith(OutputCaptureExtension.class)
class MigrateRollbackTests {

    private final InputStream stdin = System.in;
    private final String name =
            "sa_rollback_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String url = TestDatabase.create(name);

    @AfterEach
    void restore() {
        System.setIn(stdin);
        TestDatabase.drop(name);
    }

    @Test
    void asksAndRefusesSeveralOrganizationsUnlessForced(CapturedOutput output) throws Exception {
        assertThat(run("migrate")).as(output.getAll()).isZero();
        execute("INSERT INTO organizations (name, tier) VALUES ('One', 'basic'), ('Two', 'pro')");

        assertThat(run("migrate", "--rollback-to", "single-tenant", "--yes")).isEqualTo(1);
        assertThat(output.getErr())
                .contains("the database holds 2 organizations")
                .contains("add --force");
        assertThat(organizationsTable()).isTrue();

        System.setIn(new ByteArrayInputStream("n\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(run("migrate", "--rollback-to", "single-tenant", "--force")).isEqualTo(1);
        assertThat(output.getOut())
                .contains("Roll the schema back to single-tenant? [y/N]")
                .contains("Aborted: nothing was changed.");
        assertThat(organizationsTable()).isTrue();

        System.setIn(new ByteArrayInputStream("y\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(run("migrate", "--rollback-to", "single-tenant", "--force"))
                .as(output.getAll())
                .isZero();
        assertThat(output.getOut()).contains("Rolled the schema back to single-tenant.");
        assertThat(organizationsTable()).isFalse();
    }

    private int run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--database-url";
        all[args.length + 1] = url;
        return Cli.run(SupportAgentApplication.class, all);
    }

    private void execute(String sql) throws Exception {
        try (var c = DriverManager.getConnection(url)) {
            c.createStatement().execute(sql);
        }
    }

    private boolean organizationsTable() throws Exception {
        try (var c = DriverManager.getConnection(url);
                var rs = c.createStatement().executeQuery("SELECT to_regclass('organizations') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
