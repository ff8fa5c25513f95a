package io.supportagent.platform.db;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PostgreSQL location parsed from {@code DATABASE_URL}, in either the libpq form ({@code postgres://u:p@h:5432/db})
 * or the JDBC form ({@code jdbc:postgresql://h:5432/db?user=u&password=p}). Credentials are kept apart from the
 * URL so that the URL can be logged.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password, String query) {

    public static DatabaseUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidDatabaseUrl("DATABASE_URL is empty");
        }
        String trimmed = text.strip();
        String rest;
        if (trimmed.startsWith("jdbc:postgresql://")) {
            rest = trimmed.substring("jdbc:".length());
        } else if (trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://")) {
            rest = trimmed;
        } else {
            throw new InvalidDatabaseUrl(
                    "DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql:// (got "
                            + scheme(trimmed) + ")");
        }
        URI uri;
        try {
            uri = URI.create(rest);
        } catch (IllegalArgumentException e) {
            throw new InvalidDatabaseUrl("DATABASE_URL is not a valid URL: " + e.getMessage());
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidDatabaseUrl("DATABASE_URL names no host");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (path.isBlank()) {
            throw new InvalidDatabaseUrl("DATABASE_URL names no database");
        }
        Map<String, String> params = query(uri.getRawQuery());
        String user = params.remove("user");
        String password = params.remove("password");
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : password;
        }
        if (user == null || user.isBlank()) {
            user = System.getProperty("user.name");
        }
        StringBuilder remaining = new StringBuilder();
        params.forEach((k, v) -> remaining
                .append(remaining.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(v));
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        return new DatabaseUrl(uri.getHost(), port, path, user, password, remaining.toString());
    }

    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    public String jdbcUrl(String otherDatabase) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + otherDatabase + (query.isEmpty() ? "" : "?" + query);
    }

    public DatabaseUrl withDatabase(String otherDatabase) {
        return new DatabaseUrl(host, port, otherDatabase, user, password, query);
    }

    @Override
    public String toString() {
        return "postgres://" + user + "@" + host + ":" + port + "/" + database;
    }

    private static String scheme(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? "no scheme" : "'" + text.substring(0, Math.min(colon, 20)) + ":'";
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isBlank()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The configured URL cannot name a PostgreSQL database. */
    public static class InvalidDatabaseUrl extends RuntimeException {
        public InvalidDatabaseUrl(String message) {
            super(message);
        }
    }
}
