package io.supportagent.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a store's knowledge holds for a shopper's question.
 *
 * @param language the language the question is in (articles are searched in English)
 * @param searched the question as searched: translated into English, typos corrected, synonyms added
 * @param read the question read in English (translated, typos corrected) without the synonyms: what it asks
 * @param terms the searched words as the index normalises them, each weighted by its rarity in the store (inverse
 *     document frequency; 0 for a word no article has)
 * @param matches the best articles, best first, each at least as relevant as asked
 * @param places the places the question names and the regions they are in (English names: "france", "european
 *     union"), empty when it names none
 * @param homes the places the store calls home ("outside the US" names the border, not another place)
 */
public record Retrieval(
        Language language,
        String searched,
        String read,
        Map<String, Double> terms,
        List<ArticleMatch> matches,
        Set<String> places,
        Set<String> homes) {

    public Retrieval {
        terms = Map.copyOf(terms);
        matches = List.copyOf(matches);
        places = Set.copyOf(places);
        homes = Set.copyOf(homes);
    }

    public Retrieval(
            Language language, String searched, String read, Map<String, Double> terms, List<ArticleMatch> matches) {
        this(language, searched, read, terms, matches, Set.of(), Set.of());
    }

    /**
     * Whether a sentence is about the place the question names: 1 when it names that place or its region ("the EU"
     * for France), -1 when it names only other places ("For Canada, Switzerland and Norway, duties are not
     * included" is not the answer for France), 0 when it names none or the question names no place.
     */
    public int aboutPlace(String sentence) {
        if (places.isEmpty()) {
            return 0;
        }
        Set<String> named = new java.util.HashSet<>(Places.shared().named(sentence));
        named.removeAll(homes);
        if (named.isEmpty()) {
            return 0;
        }
        return named.stream().anyMatch(places::contains) ? 1 : -1;
    }

    public static Retrieval none(Language language, String text) {
        return new Retrieval(language, text, text, Map.of(), List.of());
    }
}
