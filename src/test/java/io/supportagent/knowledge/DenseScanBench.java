package io.supportagent.knowledge;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (its name keeps it out of the build's test run): {@code bench/knowledge/run.sh}. The dense
 * scan of a store of 2,000 articles' size (4,100 passages of 384 dimensions) on its own, in the thread's processor
 * time per scan, so that it can be compared across runs on a shared machine: {@link StoreIndex#dense} against the
 * scan it replaced (a plain loop of eight running sums, every score sorted), in the same JVM.
 */
class DenseScanBench {

    static final int PASSAGES = 4_100;
    static final int SCANS = 400;

    @Test
    void measure() throws Exception {
        Random random = new Random(3);
        List<StoreIndex.Entry> entries = new ArrayList<>();
        List<Object> between = new ArrayList<>(); // other objects between the vectors, as when rows are read
        for (int i = 0; i < PASSAGES / 2; i++) {
            float[] a = unit(random);
            between.add(new byte[random.nextInt(2_000)]);
            float[] b = unit(random);
            entries.add(StoreIndexTests.entry("Article " + i, "One. Two.", List.of("One.", "Two."), List.of(a, b)));
        }
        StoreIndex index = new StoreIndex();
        index.apply(List.of(), entries, Map.of());
        List<StoreIndex.Passage> all =
                entries.stream().flatMap(e -> e.passages().stream()).toList();
        float[][] questions = new float[64][];
        for (int i = 0; i < questions.length; i++) {
            questions[i] = unit(random);
        }
        StringBuilder report = new StringBuilder(String.format(
                "dense scan of %d passages, %d dimensions (Java vector API %s), processor time per scan:%n",
                all.size(), EmbeddingModel.DIMENSIONS, EmbeddingModel.VECTOR_API ? "on" : "off"));
        double sink = 0;
        for (int round = 0; round < 3; round++) {
            long[] before = new long[5];
            long[] after = new long[5];
            for (int batch = 0; batch < 5; batch++) {
                long t = cpu();
                for (int s = 0; s < SCANS; s++) {
                    sink += previous(all, questions[s % questions.length], Retriever.CANDIDATES)
                            .getFirst()
                            .score();
                }
                before[batch] = (cpu() - t) / SCANS;
                t = cpu();
                for (int s = 0; s < SCANS; s++) {
                    sink += index.dense(questions[s % questions.length], Retriever.CANDIDATES)
                            .getFirst()
                            .score();
                }
                after[batch] = (cpu() - t) / SCANS;
            }
            if (round == 2) { // the first rounds warm the JIT up
                Arrays.sort(before);
                Arrays.sort(after);
                report.append(String.format(
                        "  before (eight running sums, all scores sorted): best %d µs, median %d µs%n",
                        before[0] / 1000, before[2] / 1000));
                report.append(String.format(
                        "  now (Lucene's VectorUtil.dotProduct, a bounded heap): best %d µs, median %d µs%n",
                        after[0] / 1000, after[2] / 1000));
            }
        }
        report.append(String.format("(checksum %.3f)%n", sink));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/dense-scan-bench.txt"), report);
        System.out.println(report);
        System.out.println(between.size());
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static float[] unit(Random random) {
        float[] v = new float[EmbeddingModel.DIMENSIONS];
        double norm = 0;
        for (int d = 0; d < v.length; d++) {
            v[d] = (float) random.nextGaussian();
            norm += v[d] * v[d];
        }
        for (int d = 0; d < v.length; d++) {
            v[d] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    /** The scan as it was before (commit 4a22483): a plain dot product, then every score sorted. */
    static List<StoreIndex.Scored> previous(List<StoreIndex.Passage> all, float[] question, int limit) {
        float[] scores = new float[all.size()];
        for (int i = 0; i < scores.length; i++) {
            float[] v = all.get(i).vector();
            scores[i] = v == null ? Float.NEGATIVE_INFINITY : (float) plainDot(question, v);
        }
        float[] sorted = scores.clone();
        Arrays.sort(sorted);
        float threshold = sorted[Math.max(0, sorted.length - limit)];
        List<StoreIndex.Scored> out = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] >= threshold && scores[i] != Float.NEGATIVE_INFINITY) {
                out.add(new StoreIndex.Scored(all.get(i), scores[i]));
            }
        }
        out.sort(java.util.Comparator.comparingDouble(StoreIndex.Scored::score).reversed());
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    private static double plainDot(float[] a, float[] b) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int d = 0;
        for (; d + 7 < a.length; d += 8) {
            s0 += a[d] * b[d];
            s1 += a[d + 1] * b[d + 1];
            s2 += a[d + 2] * b[d + 2];
            s3 += a[d + 3] * b[d + 3];
            s4 += a[d + 4] * b[d + 4];
            s5 += a[d + 5] * b[d + 5];
            s6 += a[d + 6] * b[d + 6];
            s7 += a[d + 7] * b[d + 7];
        }
        for (; d < a.length; d++) {
            s0 += a[d] * b[d];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
