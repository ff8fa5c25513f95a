package io.supportagent.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How the search index reads English: words lower-cased and folded to ASCII, possessives and function words removed
 * (also the words every question has: how, what, can, my…), Porter stems ("shipping", "shipped" → "ship").
 */
final class EnglishText extends Analyzer {

    static final EnglishText INSTANCE = new EnglishText();

    static final CharArraySet STOP;

    static {
        CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        for (String w : List.of(
                "what",
                "which",
                "when",
                "where",
                "who",
                "whom",
                "why",
                "how",
                "do",
                "does",
                "did",
                "done",
                "can",
                "could",
                "would",
                "should",
                "may",
                "might",
                "must",
                "shall",
                "i",
                "me",
                "my",
                "mine",
                "myself",
                "you",
                "your",
                "yours",
                "we",
                "our",
                "ours",
                "us",
                "he",
                "she",
                "him",
                "her",
                "its",
                "am",
                "have",
                "has",
                "had",
                "having",
                "get",
                "got",
                "getting",
                "please",
                "hi",
                "hello",
                "hey",
                "thanks",
                "thank",
                "much",
                "many",
                "long",
                "any",
                "some",
                "here",
                "about",
                "from",
                "so",
                "just",
                "also",
                "up",
                "out",
                "know",
                "tell",
                "want",
                "need",
                "like",
                "im",
                "i'm",
                "dont",
                "don't",
                "doesn't",
                "didn't",
                "can't",
                "cannot",
                "it's",
                "there's",
                "what's",
                "i've",
                "i'd",
                "you",
                "yes",
                "ok",
                "okay",
                "been",
                "being",
                "were",
                "than",
                "too",
                "very",
                "all",
                "able",
                "way",
                "anyone",
                "someone",
                "something",
                "anything",
                "one",
                "let",
                "lets",
                "go",
                "going",
                "make",
                "still",
                "yet",
                "now",
                "again",
                "would",
                "wondering",
                "question",
                "hiya",
                "dear",
                "team",
                "guys",
                "use",
                "using",
                "used",
                "via",
                "per",
                "over",
                "under",
                "within",
                "after",
                "before",
                "more",
                "less",
                "most",
                "other",
                "else",
                "etc",
                "really",
                "ever",
                "every",
                "each",
                "same",
                "own",
                "both",
                "i'll",
                "we're",
                "they're",
                "you're")) {
            stop.add(w);
        }
        STOP = CharArraySet.unmodifiableSet(stop);
    }

    private EnglishText() {}

    @Override
    protected TokenStreamComponents createComponents(String field) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream stream = new EnglishPossessiveFilter(source);
        stream = new LowerCaseFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(stream, STOP);
        stream = new PorterStemFilter(stream);
        if (PREFIX_FIELD.equals(field)) {
            stream = new TruncateTokenFilter(stream, PREFIX);
        }
        return new TokenStreamComponents(source, stream);
    }

    /** The index field of the stems cut to {@value #PREFIX} letters, where variants of a word meet. */
    static final String PREFIX_FIELD = "prefix";

    /**
     * How many letters of a stem its variants share: Porter leaves "deliver" and "delivery" as "deliv" and
     * "deliveri", "expire" and "expiry" as "expir" and "expiri" — cut to five letters, they meet.
     */
    static final int PREFIX = 5;

    /** The stem's shorter form, marked {@code ~} ({@code ~deliv}), or null for a stem of fewer than five letters. */
    static String prefix(String stem) {
        return stem.length() >= PREFIX ? "~" + stem.substring(0, PREFIX) : null;
    }

    /** The terms and the shorter forms of the long ones (see {@link #prefix}). */
    static Set<String> withPrefixes(Collection<String> terms) {
        Set<String> out = new HashSet<>(terms);
        for (String t : terms) {
            String p = prefix(t);
            if (p != null) {
                out.add(p);
            }
        }
        return Set.copyOf(out);
    }

    /** How far terms (with their shorter forms) hold a term: 1 the term itself, 0.6 a variant of it, else 0. */
    static double match(Set<String> terms, String term) {
        if (terms.contains(term)) {
            return 1;
        }
        String p = prefix(term);
        return p != null && terms.contains(p) ? 0.6 : 0;
    }

    /** The text's index terms, in order (repeats kept). */
    static List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        try (TokenStream stream = INSTANCE.tokenStream("body", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
