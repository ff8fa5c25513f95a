package io.supportagent.platform.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from a Maven dependency, for a platform started without {@code DATABASE_URL}. Its
 * data folder is kept, so a restart finds the data of the previous run.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String DATABASE = "support_agent";
    static final String OWNER = "support_agent_owner";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "200");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), dataDir);
            EmbeddedDatabase database = new EmbeddedDatabase(postgres);
            database.prepare();
            return database;
        } catch (IOException | SQLException | RuntimeException e) {
            throw new DatabaseUnavailable(
                    "could not start the embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** The database and its owner role, made once: the superuser only bootstraps, it runs nothing else. */
    private void prepare() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            DatabaseRoles.createIfMissing(s, OWNER, null, "CREATEROLE");
            var exists = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!exists.next()) {
                s.execute("create database " + DATABASE + " owner " + OWNER);
            }
        }
    }

    DatabaseUrl ownerUrl() {
        return new DatabaseUrl("127.0.0.1", postgres.getPort(), DATABASE, OWNER, null, "");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
