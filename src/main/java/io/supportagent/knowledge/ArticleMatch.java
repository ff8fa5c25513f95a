package io.supportagent.knowledge;

/**
 * An article found for a query.
 *
 * @param relevance PostgreSQL's {@code ts_rank} normalised to 0..1 (rank / (rank + 1)), title weighted above body
 */
public record ArticleMatch(Article article, double relevance) {}
