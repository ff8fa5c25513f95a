package io.supportagent.platform.db;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportagent.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Start-up refuses a request role that would see across tenants: the platform role itself, or a member of it. */
class DatabaseRolesTests {

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String app = "sa_t_app_" + suffix;
    private final String platform = "sa_t_platform_" + suffix;
    private Connection owner;

    @BeforeEach
    void roles() throws Exception {
        owner = DriverManager.getConnection(TestDatabase.url());
        try (Statement s = owner.createStatement()) {
            s.execute("create role " + app + " login nosuperuser nobypassrls");
            s.execute("create role " + platform + " login nosuperuser nobypassrls");
        }
    }

    @AfterEach
    void dropRoles() throws Exception {
        try (Statement s = owner.createStatement()) {
            s.execute("drop role if exists " + app);
            s.execute("drop role if exists " + platform);
        }
        owner.close();
    }

    @Test
    void acceptsTwoRolesOfTheirOwn() {
        assertThatCode(() -> DatabaseRoles.requireRequestRoleApart(owner, app, platform))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesTheSameRoleForRequestsAndOperatorWork() {
        assertThatThrownBy(() -> DatabaseRoles.requireRequestRoleApart(owner, platform, platform))
                .isInstanceOf(DatabaseUnavailable.class)
                .hasMessageContaining("must be a role of its own");
    }

    @Test
    void refusesARequestRoleThatIsAMemberOfThePlatformRole() throws Exception {
        try (Statement s = owner.createStatement()) {
            s.execute("grant " + platform + " to " + app);
        }

        assertThatThrownBy(() -> DatabaseRoles.requireRequestRoleApart(owner, app, platform))
                .isInstanceOf(DatabaseUnavailable.class)
                .hasMessageContaining("member of the platform role");
    }
}
