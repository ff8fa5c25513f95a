package io.supportagent.knowledge;

import java.util.List;
import java.util.Map;

/**
 * What a store's knowledge holds for a shopper's question.
 *
 * @param language the language the question is in (articles are searched in English)
 * @param searched the question as searched: translated into English, typos corrected, synonyms added
 * @param read the question read in English (translated, typos corrected) without the synonyms: what it asks
 * @param terms the searched words as the index normalises them, each weighted by its rarity in the store (inverse
 *     document frequency; 0 for a word no article has)
 * @param matches the best articles, best first, each at least as relevant as asked
 */
public record Retrieval(
        Language language, String searched, String read, Map<String, Double> terms, List<ArticleMatch> matches) {

    public Retrieval {
        terms = Map.copyOf(terms);
        matches = List.copyOf(matches);
    }

    public static Retrieval none(Language language, String text) {
        return new Retrieval(language, text, text, Map.of(), List.of());
    }
}
