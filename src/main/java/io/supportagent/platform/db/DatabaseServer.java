package io.supportagent.platform.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;

/** The PostgreSQL server in use: the configured one, or an embedded one that lives as long as this object. */
public final class DatabaseServer implements AutoCloseable {

    private final DatabaseUrl ownerUrl;
    private final EmbeddedDatabase embedded;
    private final SchemaMigrations migrations;

    private DatabaseServer(DatabaseUrl ownerUrl, EmbeddedDatabase embedded, DatabaseSettings settings) {
        this.ownerUrl = ownerUrl;
        this.embedded = embedded;
        this.migrations = new SchemaMigrations(ownerUrl, settings);
    }

    public static DatabaseServer open(DatabaseSettings settings) {
        if (settings.embedded()) {
            EmbeddedDatabase embedded = EmbeddedDatabase.start(settings.embeddedDir(), settings.embeddedPort());
            return new DatabaseServer(embedded.ownerUrl(), embedded, settings);
        }
        DatabaseUrl url = DatabaseUrl.parse(settings.url());
        DatabaseServer server = new DatabaseServer(url, null, settings);
        try (Connection ignored = server.migrations.openOwnerConnection()) {
            return server;
        } catch (SQLException e) {
            throw new DatabaseUnavailable("cannot connect to " + url + ": " + e.getMessage(), e);
        }
    }

    public DatabaseUrl ownerUrl() {
        return ownerUrl;
    }

    public SchemaMigrations migrations() {
        return migrations;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
