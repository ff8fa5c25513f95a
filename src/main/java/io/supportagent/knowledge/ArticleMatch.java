package io.supportagent.knowledge;

import java.util.List;
import java.util.Set;

/**
 * An article found for a question.
 *
 * @param relevance how well it answers, 0..1: the question's closeness in meaning to the article's best passage
 *     (embedding cosine) blended with the share of the question's words (weighted by rarity) that the article has;
 *     compared with an agent's {@code min_relevance}
 * @param sentences the article's sentences in order, each with how well its passage matched, for quoting
 * @param titleTerms the title's words as the index normalises them (see {@link Sentence#terms()})
 */
public record ArticleMatch(Article article, double relevance, List<Sentence> sentences, Set<String> titleTerms) {

    public ArticleMatch {
        sentences = List.copyOf(sentences);
        titleTerms = Set.copyOf(titleTerms);
    }
}
