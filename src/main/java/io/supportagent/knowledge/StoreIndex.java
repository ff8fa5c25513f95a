package io.supportagent.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * One store's search index, in memory: a Lucene index of its passages (BM25 over title and text, English analysis)
 * and their embeddings side by side, built from what PostgreSQL holds. Immutable: a change builds a new one, taking
 * over the entries of the articles that did not change.
 */
final class StoreIndex {

    /** An article as indexed: the article, its sentences (with their terms) and its passages. */
    record Entry(
            Article article,
            List<Sentence> sentences,
            float[][] sentenceVectors,
            List<Passage> passages,
            Set<String> terms) {

        // An entry and its passages refer to each other: identity, not structure, tells them apart.
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return "Entry[" + article.id() + "]";
        }
    }

    /** A passage: which sentences of its article it holds, its text as embedded, and its embedding (or none). */
    record Passage(Entry entry, int ordinal, int firstSentence, int sentenceCount, String text, float[] vector) {

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return "Passage[" + entry.article().id() + "#" + ordinal + "]";
        }
    }

    /** A passage's score in one ranking. */
    record Scored(Passage passage, double score) {}

    private static final String TITLE = "title";
    private static final String BODY = "body";
    private static final String ID = "id";

    final Map<UUID, Entry> entries;
    final Map<UUID, Instant> versions;
    private final List<Passage> passages;
    private final IndexSearcher searcher;
    private final float[] vectors; // passage i at i * DIMENSIONS, zeros when it has none
    private final int dimensions;
    private final Map<String, Integer> vocabulary; // folded surface words of the articles → how often
    private final Set<String> stems = new HashSet<>();
    final long builtAt = System.nanoTime();

    StoreIndex(Collection<Entry> entries, Map<UUID, Instant> versions) {
        this.entries = new LinkedHashMap<>();
        entries.forEach(e -> this.entries.put(e.article().id(), e));
        this.versions = Map.copyOf(versions);
        this.passages = new ArrayList<>();
        this.vocabulary = new HashMap<>();
        for (Entry e : entries) {
            passages.addAll(e.passages());
            for (String w : Lexicon.tokens(
                    Language.fold(e.article().title() + " " + e.article().body()))) {
                if (w.length() >= 3 && w.chars().allMatch(Character::isLetter)) {
                    vocabulary.merge(w, 1, Integer::sum);
                }
            }
            stems.addAll(e.terms());
        }
        this.dimensions = EmbeddingModel.DIMENSIONS;
        this.vectors = new float[passages.size() * dimensions];
        for (int i = 0; i < passages.size(); i++) {
            float[] v = passages.get(i).vector();
            if (v != null && v.length == dimensions) {
                System.arraycopy(v, 0, vectors, i * dimensions, dimensions);
            }
        }
        this.searcher = build(passages);
    }

    static StoreIndex empty() {
        return new StoreIndex(List.of(), Map.of());
    }

    private static IndexSearcher build(List<Passage> passages) {
        try {
            ByteBuffersDirectory directory = new ByteBuffersDirectory();
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(EnglishText.INSTANCE))) {
                for (int i = 0; i < passages.size(); i++) {
                    Passage p = passages.get(i);
                    Document doc = new Document();
                    doc.add(new StoredField(ID, i));
                    doc.add(new TextField(TITLE, p.entry().article().title(), Field.Store.NO));
                    doc.add(new TextField(BODY, p.text(), Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            // Readers of an in-memory directory hold no files: dropped with the index, they need no closing.
            IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(directory));
            searcher.setQueryCache(null);
            return searcher;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int size() {
        return passages.size();
    }

    boolean hasVectors() {
        return passages.stream().anyMatch(p -> p.vector() != null);
    }

    /** How rare a term is in this store: BM25's inverse document frequency over passages; 0 when absent. */
    double idf(String term) {
        try {
            int df = Math.max(
                    searcher.getIndexReader().docFreq(new Term(BODY, term)),
                    searcher.getIndexReader().docFreq(new Term(TITLE, term)));
            if (df == 0) {
                return 0;
            }
            int n = Math.max(1, passages.size());
            return Math.log(1 + (n - df + 0.5) / (df + 0.5));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The inverse document frequency of a word only one passage has. */
    double maxIdf() {
        int n = Math.max(1, passages.size());
        return Math.log(1 + (n - 1 + 0.5) / 1.5);
    }

    boolean hasStem(String stem) {
        return stems.contains(stem);
    }

    /**
     * The closest word of the store's articles to a word they do not have (one edit for short words, two for long
     * ones), or null: a misspelt "shiping" is searched as "shipping".
     */
    String correct(String word) {
        if (word.length() < 4 || vocabulary.containsKey(word) || EnglishWords.contains(word)) {
            return null; // a word of the language, even if no article has it, is no typo ("weather" is not "leather")
        }
        int allowed = word.length() >= 8 ? 2 : 1;
        String best = null;
        int bestDistance = allowed + 1;
        int bestCount = 0;
        for (Map.Entry<String, Integer> candidate : vocabulary.entrySet()) {
            String w = candidate.getKey();
            if (Math.abs(w.length() - word.length()) > allowed) {
                continue;
            }
            int d = distance(word, w, allowed);
            if (d < bestDistance || (d == bestDistance && candidate.getValue() > bestCount)) {
                best = w;
                bestDistance = d;
                bestCount = candidate.getValue();
            }
        }
        return bestDistance <= allowed ? best : null;
    }

    /** Damerau–Levenshtein (optimal string alignment) distance, or {@code max + 1} once it is surely larger. */
    static int distance(String a, String b, int max) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > max) {
                return max + 1;
            }
        }
        return d[a.length()][b.length()];
    }

    /** BM25 over passages (title weighing more), fuzzy for terms no passage has; best first. */
    List<Scored> lexical(Map<String, Float> terms, int limit) {
        if (terms.isEmpty() || passages.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (Map.Entry<String, Float> weighted : terms.entrySet()) {
            String term = weighted.getKey();
            float boost = weighted.getValue();
            Query title = new BoostQuery(new TermQuery(new Term(TITLE, term)), 1.5f * boost);
            Query body = new BoostQuery(new TermQuery(new Term(BODY, term)), boost);
            if (!hasStem(term) && term.length() >= 5) {
                int edits = term.length() >= 8 ? 2 : 1;
                title = new BoostQuery(new FuzzyQuery(new Term(TITLE, term), edits, 1), 0.8f * boost);
                body = new BoostQuery(new FuzzyQuery(new Term(BODY, term), edits, 1), 0.6f * boost);
            }
            query.add(title, BooleanClause.Occur.SHOULD);
            query.add(body, BooleanClause.Occur.SHOULD);
        }
        try {
            List<Scored> out = new ArrayList<>();
            var stored = searcher.storedFields();
            for (ScoreDoc hit : searcher.search(query.build(), limit).scoreDocs) {
                int id = stored.document(hit.doc).getField(ID).numericValue().intValue();
                out.add(new Scored(passages.get(id), hit.score));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cosine similarity of every passage with the question's embedding; best first. */
    List<Scored> dense(float[] question, int limit) {
        if (question == null || passages.isEmpty()) {
            return List.of();
        }
        int n = passages.size();
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = EmbeddingModel.dot(question, vectors, i * dimensions);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        // A partial selection would do, but a sort of a few thousand doubles takes well under a millisecond.
        order.sort((a, b) -> Double.compare(scores[b], scores[a]));
        List<Scored> out = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, n); i++) {
            int p = order.get(i);
            if (passages.get(p).vector() != null) {
                out.add(new Scored(passages.get(p), scores[p]));
            }
        }
        return out;
    }
}
