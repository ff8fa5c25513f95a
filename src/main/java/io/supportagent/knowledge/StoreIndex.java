package io.supportagent.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * One store's search index, in memory: a Lucene index of its passages (BM25 over title and text, English analysis)
 * and their embeddings side by side, built from what PostgreSQL holds and updated article by article: a change
 * deletes and adds only the changed articles' passages, so that an article is searchable at once even in a store of
 * thousands. Updates are serialised by the caller; searches run concurrently on the latest published state (a
 * Lucene searcher that is reference-counted, so that readers of an older state stay valid until they finish).
 */
final class StoreIndex {

    /**
     * An article as indexed: the article, its sentences (with their terms and embeddings), its passages, and the
     * terms of all of it and of its title (with their shorter forms, see {@link EnglishText#withPrefixes}).
     */
    record Entry(
            Article article,
            List<Sentence> sentences,
            float[][] sentenceVectors,
            List<Passage> passages,
            Set<String> terms,
            Set<String> titleTerms) {

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
    private static final String ARTICLE = "article";

    // Written only by apply() (one thread at a time); read by searches through the published fields.
    final Map<UUID, Entry> entries = new LinkedHashMap<>();
    volatile Map<UUID, Instant> versions = Map.of();
    private final Map<Integer, Passage> byId = new ConcurrentHashMap<>();
    private final Map<UUID, List<Integer>> idsOf = new HashMap<>();
    private final Map<String, Integer> vocabulary = new ConcurrentHashMap<>(); // folded words → how many articles
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private volatile List<Passage> passages = List.of();
    private int nextId;
    /** Per article, how often it calls a place home (see {@link Places#homes}). */
    private final Map<UUID, Map<String, Integer>> homesOf = new HashMap<>();

    private volatile Set<String> homes = Set.of();

    StoreIndex() {
        try {
            IndexWriterConfig config = new IndexWriterConfig(EnglishText.INSTANCE);
            config.setMergeScheduler(new SerialMergeScheduler()); // no merge threads per store
            this.writer = new IndexWriter(new ByteBuffersDirectory(), config);
            this.searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                    IndexSearcher searcher = new IndexSearcher(reader);
                    searcher.setQueryCache(null); // every question is different
                    return searcher;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the given articles' passages (removed: deleted ones; added: new or changed ones) and publishes. */
    void apply(Collection<UUID> removed, Collection<Entry> added, Map<UUID, Instant> versions) {
        try {
            for (UUID id : removed) {
                remove(id);
            }
            for (Entry e : added) {
                remove(e.article().id());
                entries.put(e.article().id(), e);
                List<Integer> ids = new ArrayList<>();
                List<Document> docs = new ArrayList<>();
                for (Passage p : e.passages()) {
                    int id = nextId++;
                    byId.put(id, p);
                    ids.add(id);
                    Document doc = new Document();
                    doc.add(new StoredField(ID, id));
                    doc.add(new StringField(ARTICLE, e.article().id().toString(), Field.Store.NO));
                    doc.add(new TextField(TITLE, e.article().title(), Field.Store.NO));
                    doc.add(new TextField(BODY, p.text(), Field.Store.NO));
                    doc.add(new TextField(
                            EnglishText.PREFIX_FIELD, e.article().title() + " " + p.text(), Field.Store.NO));
                    docs.add(doc);
                }
                writer.addDocuments(docs);
                idsOf.put(e.article().id(), ids);
                for (String w : words(e.article())) {
                    vocabulary.merge(w, 1, Integer::sum);
                }
                homesOf.put(
                        e.article().id(),
                        Places.shared()
                                .homes(e.article().title() + ".\n" + e.article().body()));
            }
            this.homes = homes(homesOf.values());
            searchers.maybeRefreshBlocking();
            List<Passage> all = new ArrayList<>();
            entries.values().forEach(e -> all.addAll(e.passages()));
            this.passages = List.copyOf(all);
            this.versions = Map.copyOf(versions);
            if (!all.isEmpty() && FUZZY_WARMED.compareAndSet(false, true)) {
                warmUpFuzzyMatching();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether this JVM has run fuzzy queries yet. */
    private static final AtomicBoolean FUZZY_WARMED = new AtomicBoolean();

    /**
     * The JVM's first fuzzy queries build Lucene's Levenshtein automata and run on code not yet compiled: 30–40 ms for
     * one misspelt word, the slowest question of {@code bench/knowledge}, which a shopper's first typo would wait for.
     * Run once per JVM, on the first index with passages, when it is built (a store's first question waits for that
     * build anyway), at both edit distances the search uses.
     */
    private void warmUpFuzzyMatching() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            for (int round = 0; round < 20; round++) {
                for (int edits = 1; edits <= 2; edits++) {
                    searcher.search(new FuzzyQuery(new Term(BODY, "delivry" + (char) ('a' + round)), edits, 1), 5);
                }
            }
        } finally {
            searchers.release(searcher);
        }
    }

    private void remove(UUID id) throws IOException {
        Entry old = entries.remove(id);
        if (old == null) {
            return;
        }
        writer.deleteDocuments(new Term(ARTICLE, id.toString()));
        homesOf.remove(id);
        for (int pid : idsOf.remove(id)) {
            byId.remove(pid);
        }
        for (String w : words(old.article())) {
            vocabulary.computeIfPresent(w, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    private static Set<String> words(Article article) {
        Set<String> out = new HashSet<>();
        for (String w : Lexicon.tokens(Language.fold(article.title() + " " + article.body()))) {
            if (w.length() >= 3 && w.chars().allMatch(Character::isLetter)) {
                out.add(w);
            }
        }
        return out;
    }

    int size() {
        return passages.size();
    }

    /**
     * The places the store calls home: those its articles name after "outside", "within"… at least half as often as
     * the most named one ("Returns within the EU" in a US store's article does not make the EU home).
     */
    Set<String> homes() {
        return homes;
    }

    private static Set<String> homes(Collection<Map<String, Integer>> perArticle) {
        Map<String, Integer> total = new HashMap<>();
        perArticle.forEach(m -> m.forEach((place, n) -> total.merge(place, n, Integer::sum)));
        int most = total.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        Set<String> out = new HashSet<>();
        total.forEach((place, n) -> {
            if (2 * n >= most) {
                out.add(place);
            }
        });
        return Set.copyOf(out);
    }

    boolean hasVectors() {
        return passages.stream().anyMatch(p -> p.vector() != null);
    }

    private <T> T search(IoFunction<IndexSearcher, T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface IoFunction<A, B> {
        B apply(A a) throws IOException;
    }

    /** Passages holding a term, per published state of the index: a question's words are looked up several times. */
    private record DocFreqs(IndexReader reader, Map<String, Integer> counts) {}

    private volatile DocFreqs docFreqs;

    private int docFreq(IndexSearcher searcher, String term) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        DocFreqs cache = docFreqs;
        if (cache == null || cache.reader() != reader) {
            cache = new DocFreqs(reader, new ConcurrentHashMap<>());
            docFreqs = cache; // each cache answers for its own reader only
        }
        Integer known = cache.counts().get(term);
        if (known != null) {
            return known;
        }
        int df = Math.max(reader.docFreq(new Term(BODY, term)), reader.docFreq(new Term(TITLE, term)));
        if (cache.counts().size() < 50_000) {
            cache.counts().put(term, df);
        }
        return df;
    }

    /** How rare a term is in this store: BM25's inverse document frequency over passages; 0 when absent. */
    double idf(String term) {
        int df = search(s -> docFreq(s, term));
        if (df == 0) {
            return 0;
        }
        int n = Math.max(1, passages.size());
        return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }

    /** The inverse document frequency of a word only one passage has. */
    double maxIdf() {
        int n = Math.max(1, passages.size());
        return Math.log(1 + (n - 1 + 0.5) / 1.5);
    }

    boolean hasStem(String stem) {
        return search(s -> docFreq(s, stem)) > 0;
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

    /**
     * BM25 over passages (title weighing more, variants of a word less), fuzzy for the terms in {@code fuzzy} that no
     * passage has (misspellings: not words of the language, which are no typos of the store's words); best first.
     * Only words of letters are matched fuzzily: an order number or an e-mail address ("LH-20454",
     * "ana.souza@example.com.br") is no misspelling of the store's words (typo correction leaves them alone too),
     * and matching it with one or two edits found only other numbers, for 1.5–2.5 ms each (the automaton of two
     * edits run over two fields' terms): the slowest questions of {@code bench/knowledge} were those.
     */
    List<Scored> lexical(Map<String, Float> terms, Set<String> fuzzy, int limit) {
        if (terms.isEmpty() || passages.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (Map.Entry<String, Float> weighted : terms.entrySet()) {
            String term = weighted.getKey();
            float boost = weighted.getValue();
            Query title = new BoostQuery(new TermQuery(new Term(TITLE, term)), 1.5f * boost);
            Query body = new BoostQuery(new TermQuery(new Term(BODY, term)), boost);
            if (term.length() >= 5 && fuzzy.contains(term) && isWord(term) && !hasStem(term)) {
                int edits = term.length() >= 8 ? 2 : 1;
                title = new BoostQuery(new FuzzyQuery(new Term(TITLE, term), edits, 1), 0.8f * boost);
                body = new BoostQuery(new FuzzyQuery(new Term(BODY, term), edits, 1), 0.6f * boost);
            }
            query.add(title, BooleanClause.Occur.SHOULD);
            query.add(body, BooleanClause.Occur.SHOULD);
            if (term.length() >= EnglishText.PREFIX) {
                // Variants of the word ("delivery" for "deliver"), weighing less than the word itself.
                query.add(
                        new BoostQuery(
                                new TermQuery(
                                        new Term(EnglishText.PREFIX_FIELD, term.substring(0, EnglishText.PREFIX))),
                                0.3f * boost),
                        BooleanClause.Occur.SHOULD);
            }
        }
        return search(searcher -> {
            List<Scored> out = new ArrayList<>();
            var stored = searcher.storedFields();
            for (ScoreDoc hit : searcher.search(query.build(), limit).scoreDocs) {
                int id = stored.document(hit.doc).getField(ID).numericValue().intValue();
                Passage p = byId.get(id);
                if (p != null) { // null: its article changed since this searcher's state
                    out.add(new Scored(p, hit.score));
                }
            }
            return out;
        });
    }

    private static boolean isWord(String term) {
        return term.chars().allMatch(Character::isLetter);
    }

    /**
     * Cosine similarity of every passage with the question's embedding; best first (of equal scores, the passage
     * indexed first), at most {@code limit}. An exact scan: with 2,000 articles some 4,000 dot products of 384
     * dimensions, run on the processor's vector unit where the JVM offers it ({@link EmbeddingModel#dot}); only the
     * best {@code limit} are kept as the scan goes (a bounded heap), no list of all scores is sorted.
     */
    List<Scored> dense(float[] question, int limit) {
        List<Passage> all = passages;
        if (question == null || all.isEmpty() || limit <= 0) {
            return List.of();
        }
        PriorityQueue<Ranked> best = new PriorityQueue<>(limit + 1, Ranked.WORST_FIRST);
        for (int i = 0; i < all.size(); i++) {
            float[] v = all.get(i).vector();
            if (v == null) {
                continue;
            }
            float score = EmbeddingModel.dot(question, v);
            if (best.size() < limit) {
                best.add(new Ranked(i, score));
            } else if (score > best.peek().score()) { // an equal score does not displace a passage indexed before
                best.poll();
                best.add(new Ranked(i, score));
            }
        }
        List<Ranked> ranked = new ArrayList<>(best);
        ranked.sort(Ranked.WORST_FIRST.reversed());
        List<Scored> out = new ArrayList<>(ranked.size());
        for (Ranked r : ranked) {
            out.add(new Scored(all.get(r.position()), r.score()));
        }
        return out;
    }

    /** A passage's score in the dense scan, by its position in the scanned list. */
    private record Ranked(int position, float score) {
        /** Lower scores first; of equal scores, the passage indexed later (the one a stable ranking puts after). */
        static final Comparator<Ranked> WORST_FIRST = Comparator.comparingDouble(Ranked::score)
                .thenComparing(Comparator.comparingInt(Ranked::position).reversed());
    }
}
