package io.supportagent.legacy;

import io.supportagent.support.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A database of the earlier single-tenant system, made in a fresh test database: the 001 layout exactly (its SQL, run
 * by the admin user, with no Liquibase log), the alembic table the Python system kept, and stores with conversations
 * and messages spread over many months.
 */
final class LegacyDatabase {

    final String name;
    final String url;

    private LegacyDatabase(String name, String url) {
        this.name = name;
        this.url = url;
    }

    /** An empty fresh database. */
    static LegacyDatabase empty() {
        String name =
                "sa_legacy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return new LegacyDatabase(name, TestDatabase.create(name));
    }

    /** The single-tenant layout with data: {@code conversations} spread over {@code months} past months. */
    static LegacyDatabase singleTenant(int stores, int conversations, int messagesPerConversation, int months) {
        LegacyDatabase db = empty();
        db.execute(layout());
        db.execute("CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY)");
        db.execute(resource("/legacy/single-tenant-data.sql")
                .replace("${stores}", Integer.toString(stores))
                .replace("${conversations}", Integer.toString(conversations))
                .replace("${messages_per_conversation}", Integer.toString(messagesPerConversation))
                .replace("${months}", Integer.toString(months)));
        return db;
    }

    /** The body of changeset 001 as the earlier system's databases hold it. */
    static String layout() {
        return resource("/db/changelog/001-single-tenant.sql")
                .lines()
                .filter(line -> !line.startsWith("--"))
                .collect(Collectors.joining("\n"));
    }

    void execute(String sql) {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql) {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String text(String sql) {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checksums of the single-tenant columns of the three tables, rows ordered by id; statuses and roles are
     * compared in the platform's words (the migration maps them, and a rollback keeps them mapped).
     */
    Map<String, String> legacyChecksums() {
        Map<String, String> sums = new LinkedHashMap<>();
        sums.put(
                "stores",
                text("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), ''))"
                        + " FROM (SELECT id, name, domain, created_at FROM stores) t"));
        sums.put(
                "conversations",
                text("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM"
                        + " (SELECT id, store_id, customer_name, customer_email, CASE status WHEN 'closed' THEN 'resolved'"
                        + " WHEN 'escalated' THEN 'handed_off' ELSE status END, created_at, updated_at"
                        + " FROM conversations) t"));
        sums.put(
                "messages",
                text("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), ''))"
                        + " FROM (SELECT id, conversation_id, CASE role WHEN 'user' THEN 'customer' WHEN 'assistant'"
                        + " THEN 'agent' ELSE role END, content, created_at FROM messages) t"));
        return sums;
    }

    /**
     * Everything an operator could tell apart: tables, columns, indexes, constraints, policies, row-level security,
     * privileges (compared as effective grants), default privileges, and every row of every table.
     */
    String fingerprint() {
        StringBuilder out = new StringBuilder();
        out.append(text("""
                SELECT string_agg(x, E'\\n' ORDER BY x) FROM (
                  SELECT 'relation ' || c.relname || ' ' || c.relkind::text || ' rls=' || c.relrowsecurity
                         || ' force=' || c.relforcerowsecurity
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public'
                  UNION ALL
                  SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable
                         || ' default=' || coalesce(column_default, '')
                    FROM information_schema.columns WHERE table_schema = 'public'
                  UNION ALL
                  SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
                  UNION ALL
                  SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                    FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                  UNION ALL
                  SELECT 'policy ' || tablename || ' ' || policyname || ' ' || coalesce(qual, '')
                    FROM pg_policies WHERE schemaname = 'public'
                  UNION ALL
                  SELECT 'grant ' || c.relname || ' ' || a.grantee::regrole || ' ' || a.privilege_type
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   CROSS JOIN LATERAL aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
                   WHERE n.nspname = 'public'
                  UNION ALL
                  SELECT 'schema grant ' || a.grantee::regrole || ' ' || a.privilege_type
                    FROM pg_namespace n CROSS JOIN LATERAL aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a
                   WHERE n.nspname = 'public'
                  UNION ALL
                  SELECT 'default acl ' || d.defaclrole::regrole || ' ' || d.defaclobjtype::text || ' ' || d.defaclacl::text
                    FROM pg_default_acl d
                ) s(x)"""));
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet tables = s.executeQuery(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")) {
            var names = new java.util.ArrayList<String>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            for (String table : names) {
                out.append("\nrows ")
                        .append(table)
                        .append(' ')
                        .append(text("SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text),"
                                + " '')) FROM \"" + table + "\" t"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    private static String resource(String path) {
        try (InputStream in = LegacyDatabase.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
