package io.supportagent.agents;

/** An article an answer drew on, as shoppers see it: a link. */
public record Citation(String articleId, String title, String url) {}
