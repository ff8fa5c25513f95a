package io.supportagent.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two roles the running platform connects as (SPEC §3): the request role, which owns nothing, is no superuser
 * and may not bypass row-level security; and the platform role for explicit cross-tenant operator work. The schema
 * owner creates them when it may; otherwise the README's one-time SQL does.
 */
final class DatabaseRoles {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRoles.class);
    private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private DatabaseRoles() {}

    static void ensure(Connection owner, DatabaseSettings settings) {
        try (Statement s = owner.createStatement()) {
            if (settings.createRoles()) {
                createIfMissing(s, settings.appRole(), settings.appPassword(), "");
                createIfMissing(s, settings.platformRole(), settings.platformPassword(), "");
            }
            for (String role : new String[] {settings.appRole(), settings.platformRole()}) {
                var rs = s.executeQuery("select rolsuper, rolbypassrls from pg_roles where rolname = '" + role + "'");
                if (!rs.next()) {
                    throw new DatabaseUnavailable(
                            "database role " + role
                                    + " is missing and could not be created; run the one-time SQL of the README (Database roles)");
                }
                if (rs.getBoolean(1) || rs.getBoolean(2)) {
                    throw new DatabaseUnavailable("database role " + role
                            + " must not be superuser nor have BYPASSRLS: row-level security would not hold");
                }
            }
            requireRequestRoleApart(owner, settings.appRole(), settings.platformRole());
        } catch (SQLException e) {
            throw new DatabaseUnavailable("could not check the database roles: " + e.getMessage(), e);
        }
    }

    /**
     * The request role must be neither the platform role nor a member of it (the platform role's policies see every
     * organization's rows, and a member inherits them), nor a member of the schema owner (which may turn row-level
     * security off): either would make tenant isolation a matter of the code's good behaviour alone.
     */
    static void requireRequestRoleApart(Connection owner, String app, String platform) throws SQLException {
        if (app.equals(platform)) {
            throw new DatabaseUnavailable("DATABASE_APP_ROLE and DATABASE_PLATFORM_ROLE are both " + app
                    + ": the request role must be a role of its own, or tenant isolation would not hold");
        }
        try (PreparedStatement check = owner.prepareStatement(
                "select pg_has_role(?, ?, 'MEMBER'), pg_has_role(?, current_user, 'MEMBER'), current_user")) {
            check.setString(1, app);
            check.setString(2, platform);
            check.setString(3, app);
            try (ResultSet rs = check.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    throw new DatabaseUnavailable("database role " + app + " is a member of the platform role "
                            + platform + ": it would see every organization's rows; revoke that membership");
                }
                if (rs.getBoolean(2)) {
                    throw new DatabaseUnavailable("database role " + app + " is a member of the schema owner "
                            + rs.getString(3) + ", which may turn row-level security off; revoke that membership");
                }
            }
        }
    }

    static void createIfMissing(Statement s, String role, String password, String extra) throws SQLException {
        if (!ROLE_NAME.matcher(role).matches()) {
            throw new DatabaseUnavailable("invalid database role name: " + role);
        }
        var rs = s.executeQuery("select 1 from pg_roles where rolname = '" + role + "'");
        boolean exists = rs.next();
        if (!exists) {
            try {
                s.execute("create role " + role + " login nosuperuser nobypassrls nocreatedb " + extra);
                log.info("Created database role {}", role);
            } catch (SQLException e) {
                // Another process may have created it in the meantime (duplicate_object, or unique_violation
                // when two creates race in the catalog); anything else means we may not create roles.
                if (!"42710".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                    log.warn("Could not create database role {}: {}", role, e.getMessage());
                    return;
                }
            }
        }
        if (password != null && !password.isEmpty()) {
            s.execute("alter role " + role + " password '" + password.replace("'", "''") + "'");
        }
    }
}
