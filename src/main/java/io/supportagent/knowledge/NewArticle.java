package io.supportagent.knowledge;

/** An article to add to a store's knowledge. */
public record NewArticle(String title, String body, String url, boolean aiEnabled) {

    /** An article the agent answers from. */
    public NewArticle(String title, String body, String url) {
        this(title, body, url, true);
    }

    /** The same article, used for answers or not. */
    public NewArticle withAi(boolean enabled) {
        return new NewArticle(title, body, url, enabled);
    }
}
