package io.supportagent.knowledge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.changes.Change;
import io.supportagent.platform.changes.ChangesMissed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hybrid retrieval over a store's articles: the question (translated into English when it is in another language,
 * typos corrected) is ranked lexically (BM25 with English stems, fuzzy for words no article has) and by meaning
 * (cosine of embeddings), and the two rankings of passages are fused by reciprocal rank; an article ranks by its
 * best passage.
 *
 * <p>Each store's index lives in memory ({@link StoreIndex}), built from PostgreSQL on first use and rebuilt when the
 * store's articles change: on every node, through the change notifications; and, as a safety net behind a missed
 * one, after {@code support-agent.knowledge.recheck} by comparing what it holds with the articles' update times.
 */
@Component
class Retriever {

    /** Reciprocal rank fusion's constant: ranks 1 and 2 weigh nearly alike, rank 60 half as much as rank 1. */
    static final int RRF_K = 60;

    static final int CANDIDATES = 40;

    /** How much the share of the question's words in an article's title added to its rank by hand (now fitted). */
    static final double TITLE_WEIGHT = 0.25;

    /** How much a synonym of a word the shopper wrote counts, against the word itself. */
    static final float SYNONYM_WEIGHT = 0.5f;

    /**
     * The words help centers use for abroad; a question naming a foreign place asks about what they say. Not
     * "outside": it names home ("outside the US") and comes with other topics too ("cards issued outside the US").
     */
    static final List<String> ABROAD = EnglishText.terms("international abroad overseas worldwide");

    /** How much each of those counts, for a question naming a foreign place: about as much as a word it wrote. */
    static final float ABROAD_WEIGHT = 0.8f;

    /**
     * Words of a title about abroad ("International shipping", "Returns from outside the US", "Delivery outside
     * Germany"): here "outside" names home's border, as a title says it.
     */
    static final Set<String> ABROAD_TITLE =
            Set.copyOf(EnglishText.terms("international abroad overseas worldwide outside foreign"));

    /**
     * Words of a question about crossing a border without naming a place: it may be about abroad, so an article
     * about abroad is not held back.
     */
    static final Set<String> BORDER_WORDS = Set.copyOf(EnglishText.terms(
            "international internationally abroad overseas worldwide outside foreign country countries customs duty"
                    + " duties import export border"));

    /**
     * How much an article about abroad falls behind for a question that is not (names no foreign place, no border
     * word): "how long do I have to return it?" asks the store's own returns, not the returns from abroad that say
     * the same words. By hand; now fitted ({@link #FITTED_HOME_FIRST}).
     */
    static final double HOME_FIRST = 0.2;

    /**
     * A problem with what was delivered, said with its arrival ("the jacket arrived with a broken zip", "I received the
     * wrong colour", "it came scratched"): what the store does for an item damaged on arrival answers, before the
     * warranty that speaks of the same defects for later.
     */
    static final Pattern ARRIVED_BROKEN = Pattern.compile(
            "\\b(arrived|arrives|arrival|received|receive|came|delivered|out of the box|just got|unboxed|unpacked"
                    + "|(you|they) sent( me| us)?|sent me|shipped me|got sent)\\b"
                    + ".{0,60}\\b(broken|broke|damaged|damage|cracked|crack|scratched|scratch|dented|dent|defective"
                    + "|defect|faulty|wrong|missing|torn|ripped|hole|leaking|dead|shattered|smashed|crushed|not work\\w*"
                    + "|doesn't work|does not work|won't turn on|will not turn on)\\b"
                    + "|\\b(broken|damaged|cracked|scratched|dented|defective|faulty|wrong|crushed|smashed)\\b.{0,40}"
                    + "\\b(arrived|arrives|arrival|received|came|delivered|delivery)\\b");

    /** Words of a title about items damaged, wrong or faulty on arrival. */
    static final Set<String> ARRIVAL_TITLE =
            Set.copyOf(EnglishText.terms("damaged arrival received wrong faulty defective broken missing"));

    /**
     * How much an article for the shopper's situation (damaged on arrival, a size that does not fit) gained by hand;
     * now fitted ({@link #FITTED_ARRIVAL}, {@link #FITTED_FIT}).
     */
    static final double SITUATION_FIRST = 0.2;

    /**
     * Something the shopper has that does not fit, or a size they want instead ("the boots are too small", "how do I
     * get a bigger size?"): an exchange answers, before the size guide that shares the words.
     */
    static final Pattern WRONG_FIT = Pattern.compile(
            "\\b(too (small|big|large|tight|loose|short|long|narrow|wide)|(doesn't|does not|don't|do not|didn't|did not)"
                    + " fit|(a |the )?(bigger|smaller|larger|different|another|other) size)\\b");

    /** Words of a title about exchanges. */
    static final Set<String> EXCHANGE_TITLE = Set.copyOf(EnglishText.terms("exchange exchanges exchanging swap"));

    /**
     * How much an article about abroad gains for a question that names a foreign place: "I live in France, how long
     * do I have to send an item back?" asks the returns from abroad, whatever other article shares its words. By
     * hand; now fitted ({@link #FITTED_ABROAD_FIRST}).
     */
    static final double ABROAD_FIRST = 0.2;

    private static final Logger log = LoggerFactory.getLogger(Retriever.class);

    private final Passages passages;
    private final TransactionTemplate readOnly;
    private final KnowledgeSettings settings;
    private final Cache<StoreKey, Holder> indexes;
    private final Cache<String, float[]> questionVectors =
            Caffeine.newBuilder().maximumSize(10_000).build();

    record StoreKey(OrganizationId organization, StoreId store) {}

    /** A store's current index and whether it must be checked against the database before the next search. */
    static final class Holder {
        volatile StoreIndex index;
        volatile boolean stale = true;
        volatile long checkedAt;
        final AtomicBoolean rechecking = new AtomicBoolean();
    }

    /** How many articles one statement of an index's build reads: each statement stays short, whatever the store. */
    static final int READ_CHUNK = 200;

    Retriever(Passages passages, PlatformTransactionManager transactions, KnowledgeSettings settings) {
        this.passages = passages;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.settings = settings;
        this.indexes = Caffeine.newBuilder()
                .maximumWeight(settings.indexCachePassages())
                .<StoreKey, Holder>weigher((k, h) -> {
                    StoreIndex index = h.index;
                    return index == null ? 1 : Math.max(1, index.size());
                })
                .expireAfterAccess(Duration.ofHours(1))
                .build();
    }

    /** Loads the embedding model in the background at start, so that the first question does not wait for it. */
    @EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void warmUp() {
        if (settings.embeddings()) {
            Thread.ofVirtual().name("embedding-model-warm-up").start(this::model);
        }
    }

    @EventListener
    void on(Change.Knowledge changed) {
        Holder holder = indexes.getIfPresent(new StoreKey(changed.organization(), changed.store()));
        if (holder != null) {
            holder.stale = true;
        }
    }

    @EventListener
    void on(ChangesMissed missed) {
        indexes.asMap().values().forEach(h -> h.stale = true);
    }

    /** The embedding model, or null when dense retrieval is off or cannot run here. */
    EmbeddingModel model() {
        if (!settings.embeddings()) {
            return null;
        }
        try {
            return EmbeddingModel.shared();
        } catch (IllegalStateException | LinkageError e) {
            return null; // no ONNX Runtime for this platform, or not on the class path: lexical only
        }
    }

    /** An article's passages with their embeddings, as written with it (before its transaction). */
    List<Passages.NewPassage> prepare(String title, String body) {
        List<List<String>> groups = groups(body);
        List<String> texts = new ArrayList<>();
        for (List<String> group : groups) {
            texts.add(embeddingText(title, String.join(" ", group)));
        }
        for (List<String> group : groups) {
            texts.addAll(group);
        }
        List<float[]> vectors = embed(texts);
        List<Passages.NewPassage> out = new ArrayList<>();
        int sentence = groups.size();
        for (int i = 0; i < groups.size(); i++) {
            List<String> group = groups.get(i);
            float[] sentences = null;
            if (vectors != null) {
                sentences = new float[group.size() * EmbeddingModel.DIMENSIONS];
                for (int s = 0; s < group.size(); s++) {
                    System.arraycopy(
                            vectors.get(sentence++),
                            0,
                            sentences,
                            s * EmbeddingModel.DIMENSIONS,
                            EmbeddingModel.DIMENSIONS);
                }
            }
            out.add(new Passages.NewPassage(
                    String.join(" ", group), EmbeddingModel.NAME, vectors == null ? null : vectors.get(i), sentences));
        }
        return out;
    }

    /** The article's sentences in passages of about three (a body without sentence ends is one). */
    private static List<List<String>> groups(String body) {
        List<List<String>> groups = Sentences.passages(Sentences.split(body));
        return groups.isEmpty() ? List.of(List.of(body.strip())) : groups;
    }

    private static String embeddingText(String title, String passage) {
        return title + ". " + passage;
    }

    private List<float[]> embed(List<String> texts) {
        EmbeddingModel model = model();
        if (model == null) {
            return null;
        }
        return model.embed(texts);
    }

    /**
     * The store's index, brought up to date with the database when a change says so (only the changed articles are
     * read). The periodic re-check behind missed notifications runs in the background: no question waits for it.
     */
    StoreIndex index(OrganizationId org, StoreId store) {
        Holder holder = indexes.get(new StoreKey(org, store), k -> new Holder());
        if (holder.stale || holder.index == null) {
            update(org, store, holder, false);
        } else if (System.nanoTime() - holder.checkedAt > settings.recheck().toNanos()
                && holder.rechecking.compareAndSet(false, true)) {
            Tenant tenant = TenantContext.require();
            Thread.ofVirtual().name("knowledge-index-recheck").start(() -> {
                try {
                    // Not marked stale: questions go on with the index as it is while the check reads the database.
                    TenantContext.runAs(tenant, () -> update(org, store, holder, true));
                } catch (RuntimeException e) {
                    log.warn("Re-checking the index of store {} failed: {}", store, e.toString());
                } finally {
                    holder.rechecking.set(false);
                }
            });
        }
        return holder.index;
    }

    private void update(OrganizationId org, StoreId store, Holder holder, boolean recheck) {
        synchronized (holder) {
            if (recheck || holder.stale || holder.index == null) {
                holder.stale = false; // a change arriving while we read makes it stale again
                holder.checkedAt = System.nanoTime();
                StoreIndex index = holder.index == null ? new StoreIndex() : holder.index;
                try {
                    refresh(org, store, index);
                } catch (RuntimeException e) {
                    holder.stale = true; // try again with the next question
                    throw e;
                }
                holder.index = index;
                indexes.put(new StoreKey(org, store), holder); // weigh it again
            }
        }
    }

    /**
     * Brings the index up to date: only the articles added, changed or deleted since it was last are read, in
     * chunks of {@value #READ_CHUNK}, each in a short transaction of its own (a large store's first build holds no
     * connection while its articles are indexed, and no statement grows with the store).
     */
    private void refresh(OrganizationId org, StoreId store, StoreIndex index) {
        long started = System.nanoTime();
        Map<UUID, Instant> versions = new LinkedHashMap<>();
        readOnly.executeWithoutResult(
                status -> passages.versions(org, store).forEach(v -> versions.put(v.articleId(), v.updatedAt())));
        Map<UUID, Instant> held = index.versions;
        if (versions.equals(held) && !held.isEmpty()) {
            return;
        }
        List<UUID> changed = versions.entrySet().stream()
                .filter(e -> !e.getValue().equals(held.get(e.getKey())))
                .map(Map.Entry::getKey)
                .toList();
        List<UUID> removed =
                held.keySet().stream().filter(id -> !versions.containsKey(id)).toList();
        List<StoreIndex.Entry> added = new ArrayList<>();
        for (int from = 0; from < changed.size(); from += READ_CHUNK) {
            List<UUID> chunk = changed.subList(from, Math.min(changed.size(), from + READ_CHUNK));
            record Read(List<Article> articles, Map<UUID, List<Passages.StoredPassage>> passages) {}
            Read read = readOnly.execute(
                    status -> new Read(passages.articles(org, store, chunk), passages.passages(org, store, chunk)));
            for (Article article : read.articles()) {
                added.add(entry(article, read.passages().getOrDefault(article.id(), List.of())));
            }
        }
        // An article changed again while it was read is newer than its version here: the next check reads it again.
        index.apply(removed, added, versions);
        log.debug(
                "Index of store {}: {} articles in, {} out, {} passages in all, {} ms",
                store,
                added.size(),
                removed.size(),
                index.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** An article as the index holds it; passages stored by another splitting or model are computed again. */
    StoreIndex.Entry entry(Article article, List<Passages.StoredPassage> stored) {
        List<List<String>> groups = groups(article.body());
        List<String> texts = groups.stream().map(g -> String.join(" ", g)).toList();
        boolean reusable = stored.size() == texts.size();
        for (int i = 0; reusable && i < texts.size(); i++) {
            Passages.StoredPassage p = stored.get(i);
            reusable = p.content().equals(texts.get(i))
                    && EmbeddingModel.NAME.equals(p.model())
                    && p.embedding() != null
                    && p.embedding().length == EmbeddingModel.DIMENSIONS
                    && p.sentenceEmbeddings() != null
                    && p.sentenceEmbeddings().length == groups.get(i).size() * EmbeddingModel.DIMENSIONS;
        }
        List<Passages.StoredPassage> passages = stored;
        if (!reusable) {
            passages = new ArrayList<>();
            int i = 0;
            for (Passages.NewPassage p : prepare(article.title(), article.body())) {
                passages.add(new Passages.StoredPassage(
                        article.id(), i++, p.content(), p.model(), p.embedding(), p.sentenceEmbeddings()));
            }
        }
        List<Sentence> sentences = new ArrayList<>();
        List<float[]> sentenceVectors = new ArrayList<>();
        Set<String> articleTerms = new HashSet<>(EnglishText.withPrefixes(EnglishText.terms(article.title())));
        for (int i = 0; i < groups.size(); i++) {
            float[] vectors = passages.get(i).sentenceEmbeddings();
            for (int s = 0; s < groups.get(i).size(); s++) {
                String text = groups.get(i).get(s);
                Set<String> terms = EnglishText.withPrefixes(EnglishText.terms(text));
                articleTerms.addAll(terms);
                sentences.add(new Sentence(text, terms, 0, 0));
                sentenceVectors.add(
                        vectors == null
                                ? null
                                : java.util.Arrays.copyOfRange(
                                        vectors, s * EmbeddingModel.DIMENSIONS, (s + 1) * EmbeddingModel.DIMENSIONS));
            }
        }
        List<StoreIndex.Passage> passageList = new ArrayList<>();
        StoreIndex.Entry entry = new StoreIndex.Entry(
                article,
                sentences,
                sentenceVectors.toArray(float[][]::new),
                passageList,
                Set.copyOf(articleTerms),
                EnglishText.withPrefixes(EnglishText.terms(article.title())));
        int first = 0;
        for (int i = 0; i < groups.size(); i++) {
            passageList.add(new StoreIndex.Passage(
                    entry,
                    i,
                    first,
                    groups.get(i).size(),
                    texts.get(i),
                    passages.get(i).embedding()));
            first += groups.get(i).size();
        }
        return entry;
    }

    /** The best articles for a question, at most {@code limit}, each at least {@code minRelevance} relevant. */
    Retrieval retrieve(OrganizationId org, StoreId store, String question, int limit, double minRelevance) {
        Ranking ranking = rank(org, store, question, false);
        long clock = System.nanoTime();
        List<ArticleMatch> out = new ArrayList<>();
        for (Ranked c : ranking.candidates()) {
            if (c.relevance() < minRelevance) {
                continue;
            }
            out.add(new ArticleMatch(
                    c.entry().article(),
                    c.relevance(),
                    scoredSentences(
                            c.entry(),
                            c.cosines(),
                            c.bestCos(),
                            ranking.lexScore(),
                            ranking.maxLex(),
                            ranking.vector()),
                    c.entry().titleTerms()));
            if (out.size() >= limit) {
                break;
            }
        }
        RetrievalPhases.mark(RetrievalPhases.Phase.CANDIDATES, clock);
        if (ranking.homes() == null) { // nothing was searched
            return new Retrieval(ranking.language(), ranking.searched(), ranking.corrected(), ranking.weights(), out);
        }
        return new Retrieval(
                ranking.language(),
                ranking.searched(),
                ranking.corrected(),
                ranking.weights(),
                out,
                places(question),
                ranking.homes());
    }

    /**
     * What an article's score weighs, each 0..1 (see {@link #WEIGHTS}). The first eight are those the score was
     * written with by hand; the others were added as candidates for the fitted score (bench/agent-quality,
     * 2026-12-06, fitted ranker).
     */
    enum Feature {
        /** Rank fusion's score of the article's best passage, relative to the best article's. */
        FUSED,
        /** The share of the question's (rarity-weighted) words the article has. */
        COVERAGE,
        /** The share of the question's words (not the inferred ones) in its title. */
        TITLE,
        /** The cosine of the question and the article's closest passage. */
        COSINE,
        /** 1 when the title is about abroad and the question is not (names no foreign place, no border word). */
        ABROAD_AT_HOME,
        /** 1 when the title is about abroad and the question names a foreign place. */
        ABROAD_ABROAD,
        /** 1 when the question reports a problem on arrival and the title is about items damaged on arrival. */
        ARRIVAL,
        /** 1 when the question says something does not fit and the title is about exchanges. */
        FIT,
        /** The mean cosine of the question and the article's two closest passages (one passage: its cosine). */
        COSINE_TWO,
        /** The cosine of the question and the article's closest sentence. */
        SENTENCE_COSINE,
        /** 1 / (1 + the lexical rank of the article's best passage), 0 when no passage is in the lexical ranking. */
        LEXICAL_RANK,
        /** 1 / (1 + the dense rank of the article's best passage), 0 when no passage is in the dense ranking. */
        DENSE_RANK,
        /**
         * The share of the question's words in the article's first passage, where a help-center article says what
         * it is about.
         */
        FIRST_PASSAGE,
        /** The share of the question's words in the article's best sentence. */
        SENTENCE_COVERAGE
    }

    /**
     * The weights of {@link Feature}s in an article's score as written by hand over five rounds (the score is their
     * sum), before they were fitted ({@link #WEIGHTS}): rank fusion orders the candidates; the share of the question's
     * rare words an article has breaks near-ties in favour of the article about the asked thing ("sofa delivery" over
     * "delivery"); a help-center article's title names its topic, so the share of the question's words in the title
     * tells look-alikes apart ("assemble a wardrobe": the assembly service, not the delivery of wardrobes) — only the
     * shopper's own words: "outside" inferred from "I live in Canada" does not make "Returns from outside the US" the
     * article about customs on delivery; an article about abroad falls behind for a question about home
     * ({@link #HOME_FIRST}) and gains for one about abroad ({@link #ABROAD_FIRST}); an article for the shopper's
     * situation gains ({@link #SITUATION_FIRST}).
     */
    static final double[] HAND_WEIGHTS = {
        1, 0.5, TITLE_WEIGHT, 0.5, -HOME_FIRST, ABROAD_FIRST, SITUATION_FIRST, SITUATION_FIRST, 0, 0, 0, 0, 0, 0
    };

    // The fitted weights (2026-12-06, bench/agent-quality/fit_ranker.py): a conditional logit (softmax over each
    // question's candidate articles, L2 0.1) fitted on the 328 development answerable questions of the four
    // development stores, over the hand-written score's eight features and the two closest passages' and the closest
    // sentence's cosines; features and regularisation chosen by leave-one-store-out cross-validation (the expected
    // article first for 319/328 questions, the hand weights 311/328 on the same folds); scaled so that rank fusion
    // weighs 1, rounded to 0.01. The same signs and order as by hand: meaning (the three cosines) weighs most now.
    static final double FITTED_COVERAGE = 1.38;
    static final double FITTED_TITLE = 1.32;
    static final double FITTED_COSINE = 1.59;
    static final double FITTED_HOME_FIRST = 0.78;
    static final double FITTED_ABROAD_FIRST = 0.57;
    static final double FITTED_ARRIVAL = 0.75;
    static final double FITTED_FIT = 0.98;
    static final double FITTED_COSINE_TWO = 1.30;
    static final double FITTED_SENTENCE_COSINE = 1.92;

    /** The weights of {@link Feature}s in an article's score (the score is their sum), in {@link Feature} order. */
    static final double[] WEIGHTS = {
        1,
        FITTED_COVERAGE,
        FITTED_TITLE,
        FITTED_COSINE,
        -FITTED_HOME_FIRST,
        FITTED_ABROAD_FIRST,
        FITTED_ARRIVAL,
        FITTED_FIT,
        FITTED_COSINE_TWO,
        FITTED_SENTENCE_COSINE,
        0,
        0,
        0,
        0
    };

    /** An article's score: its features weighed. */
    static double score(double[] features, double[] weights) {
        double score = 0;
        for (int i = 0; i < features.length; i++) {
            score += weights[i] * features[i];
        }
        return score;
    }

    /** A candidate article, its features and score, its relevance and its passages' cosines. */
    record Ranked(
            StoreIndex.Entry entry,
            double[] features,
            double score,
            double relevance,
            double[] cosines,
            double bestCos) {}

    /**
     * A question's candidate articles, best first, with what retrieval read and needs to quote them; {@code homes}
     * is null when nothing was searched (an empty store or question).
     */
    record Ranking(
            Language language,
            String searched,
            String corrected,
            Map<String, Double> weights,
            float[] vector,
            Map<StoreIndex.Passage, Double> lexScore,
            double maxLex,
            Set<String> homes,
            List<Ranked> candidates) {}

    /**
     * Every candidate article for a question (in the lexical or dense ranking), best first, with its features: those
     * the score weighs, or all of them when {@code everyFeature} (to fit the weights; the others cost time, 0 here).
     */
    Ranking rank(OrganizationId org, StoreId store, String question, boolean everyFeature) {
        long clock = System.nanoTime();
        Language language = Language.detect(question);
        StoreIndex index = index(org, store);
        String english = Lexicon.shared().toEnglish(language, question);
        clock = RetrievalPhases.mark(RetrievalPhases.Phase.INDEX, clock);
        String corrected = corrected(index, english);
        clock = RetrievalPhases.mark(RetrievalPhases.Phase.CORRECTION, clock);
        String synonyms = Lexicon.shared().synonyms(corrected);
        String searched = synonyms.isEmpty() ? corrected : corrected + " " + synonyms;
        Map<String, Float> boosts = new LinkedHashMap<>();
        for (String t : EnglishText.terms(corrected)) {
            boosts.put(t, 1f);
        }
        for (String t : EnglishText.terms(synonyms)) {
            boosts.putIfAbsent(t, SYNONYM_WEIGHT);
        }
        boolean abroad = abroad(index, question, corrected);
        Set<String> inferred = new HashSet<>(); // words the question means but does not say
        if (abroad) {
            // "I live in Canada, is the return label free?" asks about international returns, in words no article
            // has; "customs to France?" is answered by what an article says of the EU.
            List<String> meant = new ArrayList<>(ABROAD);
            meant.addAll(
                    EnglishText.terms(Places.shared().regions(Places.shared().named(question))));
            for (String t : meant) {
                if (index.hasStem(t)) {
                    if (!boosts.containsKey(t)) {
                        inferred.add(t);
                    }
                    boosts.merge(t, ABROAD_WEIGHT, Math::max);
                }
            }
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        boosts.forEach((t, b) -> weights.put(t, b * index.idf(t)));
        // A word no article has still counts against an article's share of the question, as half the rarest word:
        // "who won the football match" is not answered by the one article that says "match".
        double unknown = 0;
        for (Map.Entry<String, Double> w : weights.entrySet()) {
            if (w.getValue() == 0 && boosts.get(w.getKey()) == 1f) {
                unknown += 0.5 * index.maxIdf();
            }
        }
        if (index.size() == 0 || searched.isBlank()) {
            return new Ranking(language, searched, corrected, weights, null, Map.of(), 0, null, List.of());
        }
        Set<String> fuzzy = new HashSet<>();
        for (String token : Lexicon.tokens(Language.fold(corrected))) {
            if (token.length() >= 5 && !EnglishWords.contains(token)) {
                fuzzy.addAll(EnglishText.terms(token));
            }
        }
        clock = RetrievalPhases.mark(RetrievalPhases.Phase.TERMS, clock);
        List<StoreIndex.Scored> lexical = index.lexical(boosts, fuzzy, CANDIDATES);
        clock = RetrievalPhases.mark(RetrievalPhases.Phase.LEXICAL, clock);
        // A question never waits for the model to load (a second or more after start): until then, lexical only.
        EmbeddingModel model = index.hasVectors() && settings.embeddings() ? EmbeddingModel.ifLoaded() : null;
        String meant = abroad ? corrected + " (international)" : corrected;
        float[] vector = model == null ? null : questionVectors.get(meant, model::embed);
        clock = RetrievalPhases.mark(RetrievalPhases.Phase.EMBEDDING, clock);
        List<StoreIndex.Scored> dense = index.dense(vector, CANDIDATES);
        clock = RetrievalPhases.mark(RetrievalPhases.Phase.DENSE, clock);

        // Reciprocal rank fusion of the two rankings of passages; an article counts by its best passage.
        Map<StoreIndex.Passage, Double> fused = new HashMap<>();
        Map<StoreIndex.Entry, Integer> lexicalRank = new HashMap<>();
        Map<StoreIndex.Entry, Integer> denseRank = new HashMap<>();
        for (int r = 0; r < lexical.size(); r++) {
            fused.merge(lexical.get(r).passage(), 1.0 / (RRF_K + r + 1), Double::sum);
            lexicalRank.putIfAbsent(lexical.get(r).passage().entry(), r);
        }
        for (int r = 0; r < dense.size(); r++) {
            fused.merge(dense.get(r).passage(), 1.0 / (RRF_K + r + 1), Double::sum);
            denseRank.putIfAbsent(dense.get(r).passage().entry(), r);
        }
        Map<StoreIndex.Passage, Double> lexScore = new HashMap<>();
        lexical.forEach(sc -> lexScore.put(sc.passage(), sc.score()));
        Map<StoreIndex.Entry, Double> fusedByArticle = new HashMap<>();
        fused.forEach((p, sc) -> fusedByArticle.merge(p.entry(), sc, Math::max));
        double bestFused = fusedByArticle.values().stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(1);
        double totalWeight =
                weights.values().stream().mapToDouble(Double::doubleValue).sum() + unknown;
        double maxLex = lexical.isEmpty() ? 0 : lexical.getFirst().score();
        Map<String, Double> titleWeights = new LinkedHashMap<>(weights);
        titleWeights.keySet().removeAll(inferred);
        boolean arrivedBroken = ARRIVED_BROKEN.matcher(corrected).find();
        boolean wrongFit = WRONG_FIT.matcher(corrected).find();
        boolean home = !abroad && EnglishText.terms(corrected).stream().noneMatch(BORDER_WORDS::contains);

        List<Ranked> candidates = new ArrayList<>();
        for (Map.Entry<StoreIndex.Entry, Double> f : fusedByArticle.entrySet()) {
            StoreIndex.Entry entry = f.getKey();
            double[] cosines = new double[entry.passages().size()];
            double bestCos = 0;
            double secondCos = 0;
            for (int i = 0; i < cosines.length; i++) {
                float[] v = entry.passages().get(i).vector();
                cosines[i] = vector == null || v == null ? 0 : EmbeddingModel.dot(vector, v);
                if (cosines[i] > bestCos) {
                    secondCos = bestCos;
                    bestCos = cosines[i];
                } else if (cosines[i] > secondCos) {
                    secondCos = cosines[i];
                }
            }
            double coverage = coverage(weights, totalWeight, entry.terms());
            double relevance = relevance(vector == null ? -1 : bestCos, coverage);
            boolean abroadTitle = entry.titleTerms().stream().anyMatch(ABROAD_TITLE::contains);
            double[] features = new double[Feature.values().length];
            features[Feature.FUSED.ordinal()] = f.getValue() / bestFused;
            features[Feature.COVERAGE.ordinal()] = coverage;
            features[Feature.TITLE.ordinal()] = coverage(titleWeights, totalWeight, entry.titleTerms());
            features[Feature.COSINE.ordinal()] = vector == null ? 0 : bestCos;
            features[Feature.ABROAD_AT_HOME.ordinal()] = abroadTitle && home ? 1 : 0;
            features[Feature.ABROAD_ABROAD.ordinal()] = abroadTitle && abroad ? 1 : 0;
            features[Feature.ARRIVAL.ordinal()] =
                    arrivedBroken && entry.titleTerms().stream().anyMatch(ARRIVAL_TITLE::contains) ? 1 : 0;
            features[Feature.FIT.ordinal()] =
                    wrongFit && entry.titleTerms().stream().anyMatch(EXCHANGE_TITLE::contains) ? 1 : 0;
            features[Feature.COSINE_TWO.ordinal()] =
                    vector == null ? 0 : cosines.length < 2 ? bestCos : (bestCos + secondCos) / 2;
            if (everyFeature || WEIGHTS[Feature.SENTENCE_COSINE.ordinal()] != 0) {
                features[Feature.SENTENCE_COSINE.ordinal()] = sentenceCosine(entry, vector);
            }
            Integer lr = lexicalRank.get(entry);
            features[Feature.LEXICAL_RANK.ordinal()] = lr == null ? 0 : 1.0 / (2 + lr);
            Integer dr = denseRank.get(entry);
            features[Feature.DENSE_RANK.ordinal()] = dr == null ? 0 : 1.0 / (2 + dr);
            if (everyFeature || WEIGHTS[Feature.FIRST_PASSAGE.ordinal()] != 0) {
                features[Feature.FIRST_PASSAGE.ordinal()] = passageCoverage(entry, 0, weights, totalWeight);
            }
            if (everyFeature || WEIGHTS[Feature.SENTENCE_COVERAGE.ordinal()] != 0) {
                features[Feature.SENTENCE_COVERAGE.ordinal()] = sentenceCoverage(entry, weights, totalWeight);
            }
            candidates.add(new Ranked(entry, features, score(features, WEIGHTS), relevance, cosines, bestCos));
        }
        candidates.sort(Comparator.comparingDouble(Ranked::score).reversed());
        RetrievalPhases.mark(RetrievalPhases.Phase.CANDIDATES, clock);
        return new Ranking(language, searched, corrected, weights, vector, lexScore, maxLex, index.homes(), candidates);
    }

    /** The cosine of the question and the article's closest sentence (0 without embeddings). */
    private static double sentenceCosine(StoreIndex.Entry entry, float[] question) {
        double best = 0;
        if (question == null) {
            return best;
        }
        for (float[] v : entry.sentenceVectors()) {
            if (v != null) {
                best = Math.max(best, EmbeddingModel.dot(question, v));
            }
        }
        return best;
    }

    /** The share of the question's words in one passage of the article. */
    private static double passageCoverage(
            StoreIndex.Entry entry, int passage, Map<String, Double> weights, double total) {
        if (total == 0 || entry.passages().size() <= passage) {
            return 0;
        }
        StoreIndex.Passage p = entry.passages().get(passage);
        double covered = 0;
        for (Map.Entry<String, Double> w : weights.entrySet()) {
            double best = 0;
            for (int s = p.firstSentence(); s < p.firstSentence() + p.sentenceCount(); s++) {
                best = Math.max(best, entry.sentences().get(s).has(w.getKey()));
            }
            covered += w.getValue() * best;
        }
        return covered / total;
    }

    /** The share of the question's words in the article's sentence that has most of them. */
    private static double sentenceCoverage(StoreIndex.Entry entry, Map<String, Double> weights, double total) {
        if (total == 0) {
            return 0;
        }
        double best = 0;
        for (Sentence s : entry.sentences()) {
            double covered = 0;
            for (Map.Entry<String, Double> w : weights.entrySet()) {
                covered += w.getValue() * s.has(w.getKey());
            }
            best = Math.max(best, covered);
        }
        return best / total;
    }

    /** The places a question names, with the regions they are in, by their English names. */
    static Set<String> places(String question) {
        Set<String> named = Places.shared().named(question);
        if (named.isEmpty()) {
            return named;
        }
        Set<String> out = new HashSet<>(named);
        out.addAll(Places.shared().named(Places.shared().regions(named)));
        return out;
    }

    /** Words that say the shopper is abroad without naming where (in the English reading). */
    private static final Pattern ABROAD_WORDS = Pattern.compile(
            "\\b(abroad|overseas|another country|other countries|foreign country|outside the country)\\b");

    /**
     * Whether the question is about abroad: it names a place the store does not call home (see {@link Places}), in
     * any of the five languages, or says "abroad" without naming one.
     */
    static boolean abroad(StoreIndex index, String question, String english) {
        if (ABROAD_WORDS.matcher(english).find()) {
            return true;
        }
        Set<String> named = Places.shared().named(question);
        if (named.isEmpty()) {
            return false;
        }
        Set<String> homes = index.homes();
        return named.stream().anyMatch(p -> !homes.contains(p));
    }

    private static double coverage(Map<String, Double> weights, double total, Set<String> terms) {
        if (total == 0) {
            return 0;
        }
        double covered = 0;
        for (Map.Entry<String, Double> w : weights.entrySet()) {
            covered += w.getValue() * EnglishText.match(terms, w.getKey());
        }
        return covered / total;
    }

    /**
     * How well an article answers, 0..1: closeness in meaning of its best passage (cosine 0.12 → 0, 0.57 → 1),
     * scaled by the share of the question's (rarity-weighted) words it has (none: 40%, all: 100%). A question about
     * something else is far in meaning from every passage, whatever word it shares; without embeddings, the share
     * of words alone.
     */
    static double relevance(double cosine, double coverage) {
        if (cosine < 0) {
            return coverage;
        }
        double meaning = Math.clamp((cosine - 0.12) / 0.45, 0, 1);
        return Math.clamp(meaning * (0.4 + 0.6 * coverage), 0, 1);
    }

    private static List<Sentence> scoredSentences(
            StoreIndex.Entry entry,
            double[] cosines,
            double bestCos,
            Map<StoreIndex.Passage, Double> lexScore,
            double maxLex,
            float[] question) {
        List<Sentence> out = new ArrayList<>(entry.sentences());
        for (int i = 0; i < entry.passages().size(); i++) {
            StoreIndex.Passage p = entry.passages().get(i);
            double meaning = bestCos <= 0 ? 0 : Math.max(0, cosines[i]) / bestCos;
            double words = maxLex <= 0 ? 0 : lexScore.getOrDefault(p, 0.0) / maxLex;
            double score = bestCos <= 0 ? words : 0.5 * meaning + 0.5 * words;
            for (int s = p.firstSentence(); s < p.firstSentence() + p.sentenceCount() && s < out.size(); s++) {
                Sentence sentence = out.get(s);
                float[] v = entry.sentenceVectors()[s];
                double similarity = question == null || v == null ? 0 : EmbeddingModel.dot(question, v);
                out.set(s, new Sentence(sentence.text(), sentence.terms(), score, similarity));
            }
        }
        return out;
    }

    /**
     * A word no article has, written as one where the articles write two ("autoship" for "Auto-Ship", "giftcard",
     * "pickup"): the two words, when both are the articles' (each of three letters or more), else null. Only for
     * words of six letters or more that no article has and that are not English words themselves: a few look-ups of
     * the index's terms.
     */
    static String split(StoreIndex index, String token) {
        if (token.length() < 6 || EnglishWords.contains(token)) {
            return null; // a word of the language is no joined pair ("backpack" is not "back pack")
        }
        for (int i = 3; i <= token.length() - 3; i++) {
            List<String> left = EnglishText.terms(token.substring(0, i));
            List<String> right = EnglishText.terms(token.substring(i));
            if (left.size() == 1
                    && right.size() == 1
                    && index.hasStem(left.getFirst())
                    && index.hasStem(right.getFirst())) {
                return token.substring(0, i) + " " + token.substring(i);
            }
        }
        return null;
    }

    /** The question with each word that no article has replaced by the articles' closest word, if one is close. */
    static String corrected(StoreIndex index, String english) {
        StringBuilder out = new StringBuilder();
        for (String token : Lexicon.tokens(Language.fold(english))) {
            String replacement = null;
            if (token.chars().allMatch(Character::isLetter) && !EnglishText.STOP.contains(token)) {
                List<String> stems = EnglishText.terms(token);
                if (!stems.isEmpty() && !index.hasStem(stems.getFirst())) {
                    replacement = split(index, token);
                    if (replacement == null) {
                        replacement = index.correct(token);
                    }
                }
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(replacement == null ? token : replacement);
        }
        return out.toString();
    }
}
