package io.supportagent.knowledge;

import java.util.Set;

/**
 * A sentence of an article as retrieval saw it.
 *
 * @param terms its words as the search index normalises them (lower case, English stems, no function words): compare
 *     with {@link Retrieval#terms()}
 * @param passageScore how well the passage holding it matched the question, 0..1 relative to the article's best
 * @param similarity how close in meaning it is to the question (cosine of their embeddings; 0 without them)
 */
public record Sentence(String text, Set<String> terms, double passageScore, double similarity) {

    /** How far the sentence has a term of {@link Retrieval#terms()}: 1 the word, 0.6 a variant ("assembly"), 0 not. */
    public double has(String term) {
        return EnglishText.match(terms, term);
    }
}
