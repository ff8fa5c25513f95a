package io.supportagent.agents;

import io.supportagent.conversations.ConversationService;
import io.supportagent.knowledge.KnowledgeService;
import io.supportagent.knowledge.NewArticle;
import io.supportagent.knowledge.Retrieval;
import io.supportagent.knowledge.RetrievalPhases;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.support.Fixtures;
import io.supportagent.support.IntegrationTest;
import io.supportagent.tenancy.TenancyService;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Benchmark, not a test (its name keeps it out of the build's test run): {@code bench/knowledge/run.sh}. A store of
 * 2,000 articles (the two evaluation stores' 40 and 1,960 generated product pages); measures writing articles
 * (passages, embeddings, rows), and retrieval plus the offline answer's composition per shopper message, one at a
 * time and from two threads, over the evaluation's questions (each asked once per round: the question-embedding
 * cache only helps repeated questions).
 */
@IntegrationTest
@Import(Fixtures.class)
class KnowledgeBench {

    @Autowired
    Fixtures fixtures;

    @Autowired
    TenancyService tenancy;

    @Autowired
    AgentService agents;

    @Autowired
    KnowledgeService knowledge;

    @Autowired
    ConversationService conversations;

    @Autowired
    SupportAgent agent;

    static final String[] PRODUCTS = {
        "oak dining table",
        "linen duvet cover",
        "stoneware mug",
        "wool throw",
        "floor lamp",
        "desk chair",
        "bookshelf",
        "velvet cushion",
        "ceramic vase",
        "bath towel",
        "coffee grinder",
        "kettle",
        "rain jacket",
        "hiking boots",
        "merino sweater",
        "canvas trousers",
        "leather belt",
        "cotton shirt",
        "down vest",
        "beanie"
    };
    static final String[] MATERIALS = {
        "solid oak",
        "linen",
        "stoneware",
        "merino wool",
        "steel and glass",
        "recycled polyester",
        "walnut veneer",
        "velvet",
        "porcelain",
        "organic cotton",
        "waxed canvas",
        "leather"
    };
    static final String[] CARE = {
        "a damp cloth",
        "mild soap and lukewarm water",
        "a soft brush",
        "the delicate cycle at 30°C",
        "furniture oil twice a year",
        "a dry cloth only"
    };
    static final String[] COLOURS = {"sand", "charcoal", "forest green", "navy", "rust", "ivory", "slate"};

    static List<NewArticle> generated(int count, long seed) {
        Random random = new Random(seed);
        List<NewArticle> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String product = PRODUCTS[random.nextInt(PRODUCTS.length)];
            String name = COLOURS[random.nextInt(COLOURS.length)] + " " + product + " " + (100 + i);
            StringBuilder body = new StringBuilder();
            body.append("The ")
                    .append(name)
                    .append(" is made of ")
                    .append(MATERIALS[random.nextInt(MATERIALS.length)])
                    .append(" and measures ")
                    .append(20 + random.nextInt(180))
                    .append(" x ")
                    .append(20 + random.nextInt(120))
                    .append(" cm. ");
            body.append("Clean it with ")
                    .append(CARE[random.nextInt(CARE.length)])
                    .append(". ");
            body.append("It usually ships within ")
                    .append(1 + random.nextInt(10))
                    .append(" working days. ");
            body.append("This model carries a ")
                    .append(1 + random.nextInt(5))
                    .append("-year guarantee on its ")
                    .append(random.nextBoolean() ? "frame" : "seams")
                    .append(". ");
            if (random.nextBoolean()) {
                body.append("Spare parts stay available for ")
                        .append(3 + random.nextInt(8))
                        .append(" years. ");
            }
            if (random.nextBoolean()) {
                body.append("It weighs ").append(1 + random.nextInt(40)).append(" kg and comes fully assembled. ");
            }
            body.append("Each piece is checked by hand before it leaves our workshop.");
            out.add(new NewArticle("Product care: " + name, body.toString(), "https://bench.example/p/" + i));
        }
        return out;
    }

    @Test
    void measure() throws Exception {
        AgentQuality quality = new AgentQuality(fixtures, tenancy, agents, knowledge, conversations, agent);
        quality.setUp();
        AgentQuality.Shop shop = quality.shop("home");
        Tenant tenant = shop.org().live();
        StringBuilder report = new StringBuilder();

        // Writing: bulk, then one article at a time.
        List<NewArticle> bulk = generated(1960, 42);
        long started = System.nanoTime();
        for (int from = 0; from < bulk.size(); from += 196) {
            List<NewArticle> batch = bulk.subList(from, from + 196);
            TenantContext.runAs(tenant, () -> knowledge.addArticles(shop.store().id(), batch));
        }
        double bulkMs = (System.nanoTime() - started) / 1e6;
        report.append(String.format(
                "bulk write: %d articles in %.1f s = %.1f ms per article%n",
                bulk.size(), bulkMs / 1000, bulkMs / bulk.size()));
        List<Long> single = new ArrayList<>();
        for (NewArticle a : generated(60, 7)) {
            long t = System.nanoTime();
            TenantContext.runAs(tenant, () -> knowledge.addArticles(shop.store().id(), List.of(a)));
            single.add(System.nanoTime() - t);
        }
        report.append("one article written (passages, embeddings, rows, commit): ")
                .append(percentiles(single))
                .append(System.lineSeparator());
        int articles = TenantContext.callAs(
                tenant, () -> knowledge.articleCount(shop.store().id()));
        report.append("store size: ").append(articles).append(" articles").append(System.lineSeparator());

        // The first question builds the store's index from the database; after a change only the change is read.
        long build = System.nanoTime();
        TenantContext.runAs(tenant, () -> knowledge.retrieve(shop.store().id(), "warm the index", 3, 0.1));
        report.append(String.format(
                "index built from the database (%d articles): %.0f ms%n", articles, (System.nanoTime() - build) / 1e6));
        List<Long> searchable = new ArrayList<>();
        for (NewArticle a : generated(20, 11)) {
            long t = System.nanoTime();
            TenantContext.runAs(tenant, () -> {
                knowledge.addArticles(shop.store().id(), List.of(a));
                knowledge.retrieve(shop.store().id(), "warm the index", 3, 0.1);
            });
            searchable.add(System.nanoTime() - t);
        }
        report.append("one article written and searchable (write, index update, a search): ")
                .append(percentiles(searchable))
                .append(System.lineSeparator());

        List<String> questions = AgentQuality.questions().stream()
                .filter(q -> q.store().equals("home") || q.store().equals("demo"))
                .map(q -> q.text().split(" \\|\\| ")[0])
                .distinct()
                .toList();
        List<String> warmUp = generated(300, 99).stream()
                .map(a -> "How do I clean the " + a.title().substring(14) + "?")
                .toList();
        for (String q : warmUp) {
            answer(tenant, shop, q);
        }
        report.append(String.format("machine load average (1 min) before the questions: %.1f%n", loadAverage()));
        List<Long> sequential = new ArrayList<>();
        List<Timed> timed = new ArrayList<>();
        for (String q : questions) {
            Timed one = timedAnswer(tenant, shop, q);
            sequential.add(one.total());
            timed.add(one);
        }
        report.append(String.format(
                        "retrieval + offline answer, one at a time, %d distinct questions: ", questions.size()))
                .append(percentiles(sequential))
                .append(System.lineSeparator())
                .append(String.format(
                        "  the same in the thread's processor time (retrieval and answer): %s%n",
                        percentiles(timed.stream().map(Timed::cpu).toList())))
                .append(slowest(timed, 10, false))
                .append(slowest(timed, 10, true));
        // The same questions twice more: their embeddings are cached now, so this is the path without the model.
        List<Long> cached = new ArrayList<>();
        List<Timed> cachedTimed = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (String q : questions) {
                Timed one = timedAnswer(tenant, shop, q);
                cached.add(one.total());
                cachedTimed.add(one);
            }
        }
        report.append("the same, question embeddings cached (the rest of the path), two rounds: ")
                .append(percentiles(cached))
                .append(System.lineSeparator())
                .append(String.format(
                        "  the same in the thread's processor time (retrieval and answer): %s%n",
                        percentiles(cachedTimed.stream().map(Timed::cpu).toList())))
                .append(slowest(cachedTimed, 10, true));
        List<String> variants = questions.stream().map(q -> q + " Thanks!").toList();
        List<Long> concurrent = Collections.synchronizedList(new ArrayList<>());
        try (var pool = Executors.newFixedThreadPool(2)) {
            List<Future<?>> done = new ArrayList<>();
            for (int half = 0; half < 2; half++) {
                int offset = half;
                done.add(pool.submit(() -> {
                    for (int i = offset; i < variants.size(); i += 2) {
                        long t = System.nanoTime();
                        answer(tenant, shop, variants.get(i));
                        concurrent.add(System.nanoTime() - t);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        report.append("retrieval + offline answer, two threads at once: ")
                .append(percentiles(concurrent))
                .append(System.lineSeparator());
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        report.append(String.format(
                "JVM heap in use after the run: %.0f MB (the indexes of the 2,000- and 15-article stores included)%n",
                (runtime.totalMemory() - runtime.freeMemory()) / 1e6));
        report.append(String.format("machine load average (1 min) at the end: %.1f%n", loadAverage()));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/knowledge-bench.txt"), report);
        System.out.println(report);
    }

    private void answer(Tenant tenant, AgentQuality.Shop shop, String question) {
        TenantContext.runAs(tenant, () -> {
            Retrieval r = knowledge.retrieve(shop.store().id(), question, 3, 0.1);
            if (!r.matches().isEmpty()) {
                Answers.compose(r, question, Replies.of(r.language()));
            }
        });
    }

    /**
     * One question's time: in all, per phase of the retrieval (see {@link RetrievalPhases}), composing the answer,
     * and the garbage collectors' and JIT compilers' time meanwhile (which runs on the other core or pauses this one).
     */
    record Timed(String question, long total, long cpu, long[] phases, long compose, long gcMillis, long jitMillis) {

        /** The time per phase that passed, or the thread's processor time in it. */
        long[] phases(boolean cpu) {
            int n = phases.length / 2;
            return java.util.Arrays.copyOfRange(phases, cpu ? n : 0, cpu ? 2 * n : n);
        }

        long total(boolean cpu) {
            return cpu ? this.cpu : total;
        }
    }

    private Timed timedAnswer(Tenant tenant, AgentQuality.Shop shop, String question) {
        long gc = gcMillis();
        long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long[] compose = new long[1];
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long started = System.nanoTime();
        long[] phases = TenantContext.callAs(
                tenant,
                () -> RetrievalPhases.record(() -> {
                    Retrieval r = knowledge.retrieve(shop.store().id(), question, 3, 0.1);
                    long t = System.nanoTime();
                    if (!r.matches().isEmpty()) {
                        Answers.compose(r, question, Replies.of(r.language()));
                    }
                    compose[0] = System.nanoTime() - t;
                }));
        long total = System.nanoTime() - started;
        cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu;
        return new Timed(
                question,
                total,
                cpu,
                phases,
                compose[0],
                gcMillis() - gc,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit);
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    /**
     * The slowest questions with their time per phase (ms), and the mean of all questions for comparison: by the
     * time that passed, or by the thread's processor time (compose and rest then in processor time too).
     */
    static String slowest(List<Timed> timed, int count, boolean cpu) {
        StringBuilder out = new StringBuilder(
                "  slowest " + count + (cpu ? " by processor time" : " by time passed") + " (ms: total = ");
        for (RetrievalPhases.Phase p : RetrievalPhases.Phase.values()) {
            out.append(p.name().toLowerCase(java.util.Locale.ROOT)).append(" + ");
        }
        out.append("compose + rest; gc, jit meanwhile):").append(System.lineSeparator());
        List<Timed> sorted = new ArrayList<>(timed);
        sorted.sort(
                java.util.Comparator.comparingLong((Timed t) -> t.total(cpu)).reversed());
        for (Timed t : sorted.subList(0, Math.min(count, sorted.size()))) {
            out.append("  ").append(line(t, cpu)).append(System.lineSeparator());
        }
        long[] mean = new long[RetrievalPhases.Phase.values().length];
        long total = 0;
        for (Timed t : timed) {
            long[] phases = t.phases(cpu);
            for (int i = 0; i < mean.length; i++) {
                mean[i] += phases[i] / timed.size();
            }
            total += t.total(cpu) / timed.size();
        }
        long[] both = new long[2 * mean.length];
        System.arraycopy(mean, 0, both, cpu ? mean.length : 0, mean.length);
        out.append("  mean of all ")
                .append(line(new Timed("", total, total, both, -1, 0, 0), cpu))
                .append(System.lineSeparator());
        return out.toString();
    }

    private static String line(Timed t, boolean cpu) {
        StringBuilder out = new StringBuilder(String.format("%6.1f =", t.total(cpu) / 1e6));
        long accounted = 0;
        for (long p : t.phases(cpu)) {
            out.append(String.format(" %5.1f", p / 1e6));
            accounted += p;
        }
        if (cpu) {
            out.append(String.format(" | compose and rest %5.1f", (t.total(cpu) - accounted) / 1e6));
        } else if (t.compose() >= 0) {
            out.append(
                    String.format(" | %5.1f | %5.1f", t.compose() / 1e6, (t.total() - accounted - t.compose()) / 1e6));
        }
        out.append(String.format(
                "; gc %d, jit %d  %s",
                t.gcMillis(),
                t.jitMillis(),
                t.question().length() > 70 ? t.question().substring(0, 70) + "…" : t.question()));
        return out.toString();
    }

    private static double loadAverage() throws Exception {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    static String percentiles(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format(
                "n=%d p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
                sorted.size(), at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted.getLast() / 1e6);
    }

    private static double at(List<Long> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
