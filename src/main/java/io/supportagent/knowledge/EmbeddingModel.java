package io.supportagent.knowledge;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.util.VectorUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process sentence-embedding model: all-MiniLM-L6-v2, int8-quantized, shipped in a Maven artifact and run on
 * ONNX Runtime (no network, no download). Texts become 384-dimensional unit vectors (mean of the token vectors), so
 * that a dot product is their cosine similarity.
 *
 * <p>One model per JVM ({@link #shared()}): it takes about a second and some 90 MB to load, and application contexts
 * (tests) or stores all use the same one. Each call runs on one intra-op thread: the callers are concurrent
 * requests, and a model that spread each call over every core would only make them wait for each other.
 */
final class EmbeddingModel {

    static final String NAME = "all-minilm-l6-v2-q";
    static final int DIMENSIONS = 384;
    /** Passages are about three sentences; a longer text is cut (its start says what it is about). */
    static final int MAX_TOKENS = 256;

    private static final Logger log = LoggerFactory.getLogger(EmbeddingModel.class);
    private static final Object LOCK = new Object();
    private static volatile EmbeddingModel shared;
    private static volatile RuntimeException unavailable;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final WordPieceTokenizer tokenizer;
    private final boolean typeIds;

    private EmbeddingModel(OrtEnvironment environment, OrtSession session, WordPieceTokenizer tokenizer) {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.typeIds = session.getInputNames().contains("token_type_ids");
    }

    /**
     * The JVM's model, loaded on first use.
     *
     * @throws IllegalStateException when it cannot load here (no ONNX Runtime build for this platform): callers then
     *     retrieve lexically only
     */
    static EmbeddingModel shared() {
        EmbeddingModel model = shared;
        if (model != null) {
            return model;
        }
        synchronized (LOCK) {
            if (shared == null && unavailable == null) {
                try {
                    shared = load();
                } catch (RuntimeException | OrtException | IOException | LinkageError e) {
                    log.warn(
                            "The embedding model cannot run here ({}); knowledge search is lexical only", e.toString());
                    unavailable = new IllegalStateException("embedding model unavailable: " + e, e);
                }
            }
            if (shared == null) {
                throw unavailable;
            }
            return shared;
        }
    }

    /** The JVM's model if it is loaded already (never waits for it); null while it loads or where it cannot. */
    static EmbeddingModel ifLoaded() {
        return shared;
    }

    private static EmbeddingModel load() throws OrtException, IOException {
        long started = System.nanoTime();
        ClassLoader loader = EmbeddingModel.class.getClassLoader();
        byte[] onnx;
        try (InputStream in = Objects.requireNonNull(loader.getResourceAsStream(NAME + ".onnx"), NAME + ".onnx")) {
            onnx = in.readAllBytes();
        }
        WordPieceTokenizer tokenizer = WordPieceTokenizer.fromTokenizerJson(
                Objects.requireNonNull(loader.getResourceAsStream(NAME + "-tokenizer.json"), "tokenizer"));
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        OrtSession session = environment.createSession(onnx, options);
        log.info(
                "Loaded the embedding model {} in {} ms; the dense search {}",
                NAME,
                (System.nanoTime() - started) / 1_000_000,
                VECTOR_API
                        ? "uses the Java vector API"
                        : "runs without the Java vector API (start the JVM with --add-modules jdk.incubator.vector)");
        return new EmbeddingModel(environment, session, tokenizer);
    }

    /** The unit vector of one text. */
    float[] embed(String text) {
        return embed(List.of(text)).getFirst();
    }

    /**
     * The unit vectors of several texts, in order. A run of the model pads every text to the longest of its batch and
     * costs about rows × longest tokens: the texts are therefore run in batches of similar length (an article's
     * passages apart from its short sentences), not in the order given.
     */
    List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        int[][] encoded = new int[texts.size()][];
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            encoded[i] = tokenizer.encode(texts.get(i), MAX_TOKENS);
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> encoded[i].length));
        float[][] out = new float[texts.size()][];
        int from = 0;
        while (from < order.length) {
            int shortest = encoded[order[from]].length;
            int to = from + 1;
            // A batch grows while its longest text is at most a quarter (and 4 tokens) longer than its shortest.
            while (to < order.length
                    && to - from < BATCH
                    && encoded[order[to]].length <= shortest + Math.max(4, shortest / 4)) {
                to++;
            }
            int[][] batch = new int[to - from][];
            for (int i = from; i < to; i++) {
                batch[i - from] = encoded[order[i]];
            }
            List<float[]> vectors = run(batch);
            for (int i = from; i < to; i++) {
                out[order[i]] = vectors.get(i - from);
            }
            from = to;
        }
        return List.of(out);
    }

    /** The most texts in one run of the model. */
    static final int BATCH = 16;

    /** One run of the model over token sequences, padded to the longest. */
    private List<float[]> run(int[][] encoded) {
        int longest = 0;
        for (int[] e : encoded) {
            longest = Math.max(longest, e.length);
        }
        int rows = encoded.length;
        long[] ids = new long[rows * longest];
        long[] mask = new long[rows * longest];
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < encoded[r].length; t++) {
                ids[r * longest + t] = encoded[r][t];
                mask[r * longest + t] = 1;
            }
        }
        long[] shape = {rows, longest};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
                OnnxTensor typeTensor =
                        OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[rows * longest]), shape)) {
            Map<String, OnnxTensor> inputs = typeIds
                    ? Map.of("input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor)
                    : Map.of("input_ids", idTensor, "attention_mask", maskTensor);
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                return java.util.stream.IntStream.range(0, rows)
                        .mapToObj(r -> meanPooled(hidden[r], encoded[r].length))
                        .toList();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("The embedding model failed: " + e.getMessage(), e);
        }
    }

    private static float[] meanPooled(float[][] tokens, int length) {
        float[] out = new float[tokens[0].length];
        for (int t = 0; t < length; t++) {
            for (int d = 0; d < out.length; d++) {
                out[d] += tokens[t][d];
            }
        }
        double norm = 0;
        for (int d = 0; d < out.length; d++) {
            out[d] /= length;
            norm += out[d] * out[d];
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < out.length; d++) {
            out[d] *= scale;
        }
        return out;
    }

    /**
     * The dot product of two vectors of the same length: of unit vectors, their cosine. Lucene's, which runs on the
     * processor's vector unit (AVX2/AVX-512, NEON) when the JVM is started with {@code --add-modules
     * jdk.incubator.vector} (see {@link #VECTOR_API}) and is a plain loop otherwise: the search compares a question
     * with every passage of a store, thousands per question.
     */
    static float dot(float[] a, float[] b) {
        return VectorUtil.dotProduct(a, b);
    }

    /**
     * Whether {@link #dot} runs on the Java vector API: Lucene uses it when the incubator module is in the JVM's
     * boot layer, which only the command line can put there.
     */
    static final boolean VECTOR_API =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
}
