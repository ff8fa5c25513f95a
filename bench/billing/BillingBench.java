import io.supportagent.SupportAgentApplication;
import io.supportagent.billing.BillingRun;
import io.supportagent.billing.BillingService;
import io.supportagent.conversations.ConversationService;
import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Service-layer driver for bench/billing/run.sh: conversation starts with counting (ConversationService.start, the
 * same call the HTTP endpoints make) for one hot organization and spread over 1,000 organizations, and a billing run
 * over 10,000 organizations. Args: ownerJdbcUrl threads seconds mode(hot|spread|billing).
 */
public class BillingBench {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int threads = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String mode = args[3];
        // Command-line arguments outrank application.yml (default properties would not: an empty DATABASE_URL
        // there would start the embedded database instead).
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SupportAgentApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--support-agent.database.url=" + url,
                        "--support-agent.demo.enabled=false",
                        "--support-agent.webhooks.enabled=false",
                        "--support-agent.command=bench",
                        "--support-agent.database.pool-size=" + (threads + 2),
                        "--logging.level.root=warn")) {
            switch (mode) {
                case "hot" -> starts(app, threads, seconds, 1);
                case "spread" -> starts(app, threads, seconds, 1000);
                case "billing" -> billing(app, url);
                case "migrate" -> System.out.println("schema migrated");
                default -> throw new IllegalArgumentException(mode);
            }
        }
    }

    static UUID id(String kind, int i) throws Exception {
        var md5 = java.security.MessageDigest.getInstance("MD5").digest(("bench-" + kind + "-" + i).getBytes());
        var hex = java.util.HexFormat.of().formatHex(md5);
        return UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
    }

    static void starts(ConfigurableApplicationContext app, int threads, int seconds, int orgs) throws Exception {
        ConversationService conversations = app.getBean(ConversationService.class);
        List<Tenant> tenants = new ArrayList<>();
        List<StoreId> stores = new ArrayList<>();
        List<AgentInstanceId> instances = new ArrayList<>();
        for (int i = 1; i <= orgs; i++) {
            tenants.add(Tenant.live(new OrganizationId(id("org", i))));
            stores.add(new StoreId(id("store", i)));
            instances.add(new AgentInstanceId(id("inst", i)));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (running.get()) {
                    int i = ThreadLocalRandom.current().nextInt(orgs);
                    try {
                        TenantContext.runAs(
                                tenants.get(i),
                                () -> conversations.start(stores.get(i), instances.get(i), "Ada", "ada@example.com"));
                        if (measuring.get()) {
                            done.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        Thread.sleep(3_000); // warm-up: JIT, prepared statements, pool
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1_000L);
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long count = done.get();
        running.set(false);
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("RESULT starts organizations=%d threads=%d tps=%.1f failed=%d%n", orgs, threads, count / elapsed, failed.get());
    }

    static void billing(ConfigurableApplicationContext app, String url) throws Exception {
        BillingService billing = app.getBean(BillingService.class);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT count(*) FROM organizations");
            rs.next();
            System.out.println("organizations: " + rs.getInt(1));
        }
        long start = System.nanoTime();
        BillingRun run = billing.run(YearMonth.of(2026, 10));
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("RESULT billing-run created=%d existing=%d pending=%d seconds=%.2f%n",
                run.invoicesCreated(), run.invoicesExisting(), run.organizationsPending(), elapsed);
        long warm = System.nanoTime();
        BillingRun september = billing.run(YearMonth.of(2026, 9));
        System.out.printf("RESULT billing-run-warm period=2026-09 created=%d seconds=%.2f%n",
                september.invoicesCreated(), (System.nanoTime() - warm) / 1e9);
        long again = System.nanoTime();
        BillingRun second = billing.run(YearMonth.of(2026, 10));
        System.out.printf("RESULT billing-run-again created=%d existing=%d seconds=%.2f%n",
                second.invoicesCreated(), second.invoicesExisting(), (System.nanoTime() - again) / 1e9);
    }
}
