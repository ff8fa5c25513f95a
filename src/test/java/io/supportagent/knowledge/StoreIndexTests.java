package io.supportagent.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dense scan of {@link StoreIndex}: the same ranking as the plain definition (every passage's cosine in double
 * precision, sorted, the first indexed first of equal ones), over the real model's vectors of the evaluation's
 * articles and of look-alike product pages (whose cosines lie close together), for the evaluation's questions.
 */
class StoreIndexTests {

    static final int LIMIT = Retriever.CANDIDATES;

    /** Float sums in another order than double ones differ by about 1e-7: closer passages are a tie. */
    static final double ROUNDING = 1e-6;

    @Test
    void denseScanRanksAsThePlainScanOverTheModelsVectors() {
        EmbeddingModel model = EmbeddingModel.shared();
        List<String> texts = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (String store : List.of("home-store.json", "apparel-store.json")) {
            for (JsonNode a : JsonMapper.shared().readTree(resource(store)).get("articles")) {
                titles.add(a.get("title").asString());
                texts.add(a.get("body").asString());
            }
        }
        Random random = new Random(5);
        for (int i = 0; i < 100; i++) {
            String name = List.of("sand", "navy", "rust").get(random.nextInt(3)) + " "
                    + List.of("oak table", "wool throw", "desk chair").get(random.nextInt(3)) + " " + (100 + i);
            titles.add("Product care: " + name);
            texts.add("The " + name + " measures " + (20 + random.nextInt(100)) + " cm. Clean it with a damp cloth."
                    + " It usually ships within " + (1 + random.nextInt(9)) + " working days. This model carries a "
                    + (1 + random.nextInt(4)) + "-year guarantee.");
        }
        StoreIndex index = new StoreIndex();
        List<StoreIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            List<String> passages = Sentences.passages(Sentences.split(texts.get(i))).stream()
                    .map(g -> String.join(" ", g))
                    .toList();
            String title = titles.get(i);
            List<float[]> vectors =
                    model.embed(passages.stream().map(p -> title + ". " + p).toList());
            entries.add(entry(titles.get(i), texts.get(i), passages, vectors));
        }
        index.apply(List.of(), entries, Map.of());
        List<StoreIndex.Passage> all =
                entries.stream().flatMap(e -> e.passages().stream()).toList();
        assertThat(all).hasSizeGreaterThan(150);

        List<String> questions = questions();
        assertThat(questions).hasSizeGreaterThan(150);
        int reordered = 0;
        for (String question : questions) {
            float[] q = model.embed(question);
            List<StoreIndex.Scored> fast = index.dense(q, LIMIT);
            List<StoreIndex.Passage> plain = plainRanking(all, q);
            assertThat(fast).as(question).hasSize(LIMIT);
            for (int k = 0; k < LIMIT; k++) {
                StoreIndex.Passage got = fast.get(k).passage();
                assertThat(fast.get(k).score()).as(question).isCloseTo(cosine(q, got.vector()), within(ROUNDING));
                if (got != plain.get(k)) {
                    // Only a passage as close to the question as the plain ranking's one may stand in its place.
                    assertThat(cosine(q, got.vector()))
                            .as(question + " at " + k)
                            .isCloseTo(cosine(q, plain.get(k).vector()), within(ROUNDING));
                    reordered++;
                }
            }
        }
        // Near-equal cosines are rare among real passages: almost every ranking is the plain one exactly.
        assertThat(reordered).isLessThan(questions.size() * LIMIT / 1000);
    }

    @Test
    void denseScanKeepsThePassageIndexedFirstOfEqualScoresAndSkipsPassagesWithoutVectors() {
        float[] up = unit(0);
        float[] side = unit(1);
        StoreIndex index = new StoreIndex();
        StoreIndex.Entry a =
                entry("A", "One. Two. Three. Four.", List.of("One.", "Two.", "Three."), List.of(side, up, up));
        StoreIndex.Entry b = entry("B", "Five. Six.", List.of("Five.", "Six."), java.util.Arrays.asList(null, up));
        index.apply(List.of(), List.of(a, b), Map.of());

        List<StoreIndex.Scored> two = index.dense(up, 2);
        assertThat(two)
                .extracting(StoreIndex.Scored::passage)
                .containsExactly(a.passages().get(1), a.passages().get(2));
        List<StoreIndex.Scored> all = index.dense(up, 10);
        assertThat(all)
                .extracting(StoreIndex.Scored::passage)
                .containsExactly(
                        a.passages().get(1),
                        a.passages().get(2),
                        b.passages().get(1),
                        a.passages().get(0));
        assertThat(all).extracting(StoreIndex.Scored::score).containsExactly(1.0, 1.0, 1.0, 0.0);
        assertThat(index.dense(null, 10)).isEmpty();
    }

    @Test
    void lexicalMatchesMisspeltWordsFuzzilyButNotOrderNumbersOrEmailAddresses() {
        StoreIndex index = new StoreIndex();
        String body = "Standard delivery takes 3 business days. The lamp 2045 ships from stock."
                + " Write to help@example.com for anything else.";
        StoreIndex.Entry entry = entry("Delivery", body, List.of(body), java.util.Arrays.asList((float[]) null));
        index.apply(List.of(), List.of(entry), Map.of());

        String misspelt = EnglishText.terms("delivry").getFirst();
        assertThat(index.lexical(Map.of(misspelt, 1f), Set.of(misspelt), LIMIT))
                .extracting(StoreIndex.Scored::passage)
                .containsExactly(entry.passages().getFirst());
        // One edit from "2045", and from "example.com" as the index holds it: other numbers, other addresses.
        for (String term : List.of("20454", EnglishText.terms("example.co").getFirst())) {
            assertThat(index.hasStem(term)).as(term).isFalse();
            assertThat(index.lexical(Map.of(term, 1f), Set.of(term), LIMIT))
                    .as(term)
                    .isEmpty();
        }
    }

    /** The definition: every passage's cosine in double precision, best first, the first indexed of equal ones. */
    static List<StoreIndex.Passage> plainRanking(List<StoreIndex.Passage> passages, float[] question) {
        return IntStream.range(0, passages.size())
                .boxed()
                .filter(i -> passages.get(i).vector() != null)
                .sorted(Comparator.comparingDouble(
                                (Integer i) -> -cosine(question, passages.get(i).vector()))
                        .thenComparingInt(i -> i))
                .limit(LIMIT)
                .map(passages::get)
                .toList();
    }

    static double cosine(float[] a, float[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += (double) a[d] * b[d];
        }
        return sum;
    }

    private static org.assertj.core.data.Offset<Double> within(double offset) {
        return org.assertj.core.data.Offset.offset(offset);
    }

    private static float[] unit(int axis) {
        float[] v = new float[EmbeddingModel.DIMENSIONS];
        v[axis] = 1;
        return v;
    }

    static StoreIndex.Entry entry(String title, String body, List<String> passages, List<float[]> vectors) {
        Article article = new Article(
                UUID.randomUUID(),
                OrganizationId.random(),
                StoreId.random(),
                title,
                body,
                "https://example.test/" + title,
                Instant.EPOCH,
                Instant.EPOCH);
        List<StoreIndex.Passage> list = new ArrayList<>();
        StoreIndex.Entry entry = new StoreIndex.Entry(article, List.of(), new float[0][], list, Set.of(), Set.of());
        for (int i = 0; i < passages.size(); i++) {
            list.add(new StoreIndex.Passage(entry, i, 0, 0, passages.get(i), vectors.get(i)));
        }
        return entry;
    }

    private static String resource(String name) {
        try (InputStream in = StoreIndexTests.class.getResourceAsStream("/agent-quality/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shopper questions of the evaluation (src/test/resources/agent-quality/questions.tsv), their text only. */
    private static List<String> questions() {
        List<String> out = new ArrayList<>();
        for (String line : resource("questions.tsv").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line.split("\t", -1)[5].split(" \\|\\| ")[0]);
            }
        }
        return out.stream().distinct().toList();
    }
}
