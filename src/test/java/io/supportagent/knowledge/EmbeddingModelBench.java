package io.supportagent.knowledge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (its name keeps it out of the build's test run): {@code bench/knowledge/run.sh} runs it in a
 * JVM of its own. The embedding model's memory (resident set size of the process before and after loading it and
 * using it) and the time of one embedding.
 */
class EmbeddingModelBench {

    @Test
    void measure() throws Exception {
        System.gc();
        long before = rssKb();
        long started = System.nanoTime();
        EmbeddingModel model = EmbeddingModel.shared();
        double loadMs = (System.nanoTime() - started) / 1e6;
        long loaded = rssKb();
        List<Long> question = new ArrayList<>();
        List<Long> passage = new ArrayList<>();
        String p = "We ship every order within 1-2 business days. Standard delivery takes 3-5 business days and is"
                + " free on orders over $50; below that it costs $4.95. Express delivery takes 1-2 business days.";
        for (int i = 0; i < 400; i++) {
            long t = System.nanoTime();
            model.embed("How long does delivery to Germany take? " + i);
            question.add(System.nanoTime() - t);
            t = System.nanoTime();
            model.embed(p + " " + i);
            passage.add(System.nanoTime() - t);
        }
        System.gc();
        long used = rssKb();
        String report = String.format(
                "model load: %.0f ms%nresident set: %d MB before, %d MB after loading (+%d MB), %d MB after 800"
                        + " embeddings (+%d MB in all)%none question embedded: %s%none passage embedded: %s%n",
                loadMs,
                before / 1024,
                loaded / 1024,
                (loaded - before) / 1024,
                used / 1024,
                (used - before) / 1024,
                percentiles(question),
                percentiles(passage));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/embedding-model-bench.txt"), report);
        System.out.println(report);
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static String percentiles(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format(
                "p50 %.1f ms, p99 %.1f ms",
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6);
    }
}
