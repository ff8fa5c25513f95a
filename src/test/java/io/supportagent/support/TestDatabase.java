package io.supportagent.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, empty database on the real PostgreSQL server (the one at {@code TEST_DATABASE_URL}, by default
 * 127.0.0.1:5432 as postgres), one per test JVM and dropped when it exits. The platform creates its roles and
 * schema in it exactly as in production.
 */
public final class TestDatabase {

    public static final String ADMIN_URL = System.getenv()
            .getOrDefault("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

    private static String url;

    private TestDatabase() {}

    /** The JDBC URL of this JVM's database, as its owner (the admin user). */
    public static synchronized String url() {
        if (url == null) {
            url = create(
                    "sa_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        }
        return url;
    }

    /** Another fresh database, for tests that need one of their own (migrations, legacy data). */
    public static String create(String name) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot create test database " + name + " on " + ADMIN_URL
                            + " (is PostgreSQL running? .ci/run starts it)",
                    e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
        return ADMIN_URL.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
    }

    public static void drop(String name) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException ignored) {
            // best effort at JVM exit
        }
    }
}
