package io.supportagent.knowledge;

/** An article to add to a store's knowledge. */
public record NewArticle(String title, String body, String url) {}
