import io.supportagent.platform.KeyFormat;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Seeds N enterprise organizations, each with a store, an agent instance and a live key, into a migrated database,
 * and writes "key,agent_instance_id" lines for wrk and the table bench_orgs for pgbench.
 * Run: java -cp <classpath> Seed.java <jdbc-url> <count> <keys-file>
 */
public class Seed {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int count = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        // Cost 4: the branch's verifier checks bcrypt on each request (the api-keys issue adds the verified-key
        // cache); a cheap hash keeps bcrypt out of what this benchmark measures.
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        try (Connection c = DriverManager.getConnection(url);
                PrintWriter keys = new PrintWriter(Files.newBufferedWriter(out));
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("""
                    CREATE TABLE IF NOT EXISTS bench_orgs (n int PRIMARY KEY, org_id uuid, store_id uuid, instance_id uuid);
                    TRUNCATE bench_orgs;
                    GRANT SELECT ON bench_orgs TO support_agent_app;
                    INSERT INTO agent_definitions (type, version, name, system_prompt, tools, default_config)
                    VALUES ('customer_service', '1.0.0', 'Customer service', 'Help.', '[]', '{}')
                    ON CONFLICT (type, version) DO NOTHING""");
            UUID definition;
            try (ResultSet rs = s.executeQuery(
                    "SELECT id FROM agent_definitions WHERE type = 'customer_service' AND version = '1.0.0'")) {
                rs.next();
                definition = rs.getObject(1, UUID.class);
            }
            for (int n = 1; n <= count; n++) {
                UUID org = UUID.randomUUID(), store = UUID.randomUUID(), instance = UUID.randomUUID();
                exec(c, "INSERT INTO organizations (id, name, tier) VALUES (?, ?, 'enterprise')", org, "Bench " + n);
                exec(c, "INSERT INTO stores (id, organization_id, name) VALUES (?, ?, 'Bench store')", store, org);
                exec(
                        c,
                        "INSERT INTO agent_instances (id, organization_id, store_id, agent_definition_id, name, public_key)"
                                + " VALUES (?, ?, ?, ?, 'Bench', ?)",
                        instance,
                        org,
                        store,
                        definition,
                        KeyFormat.generate(KeyFormat.Type.WIDGET));
                String key = KeyFormat.generate(KeyFormat.Type.LIVE_SECRET);
                KeyFormat.ParsedKey parsed = KeyFormat.parse(key).orElseThrow();
                exec(
                        c,
                        "INSERT INTO organization_api_keys (organization_id, name, mode, lookup_id, key_hash,"
                                + " display_prefix, last_four) VALUES (?, 'bench', 'live', ?, ?, ?, ?)",
                        org,
                        parsed.lookupId(),
                        bcrypt.encode(key),
                        parsed.displayPrefix(),
                        parsed.lastFour());
                exec(c, "INSERT INTO bench_orgs VALUES (?, ?, ?, ?)", n, org, store, instance);
                keys.println(key + "," + instance);
            }
            c.commit();
        }
        System.out.println("seeded " + count + " organizations; keys in " + out);
    }

    private static void exec(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                p.setObject(i + 1, params[i]);
            }
            p.executeUpdate();
        }
    }
}
