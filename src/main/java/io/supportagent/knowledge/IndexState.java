package io.supportagent.knowledge;

/** How an article is indexed for the agent: what a re-index would change. */
public enum IndexState {
    /** Found by its words and by its meaning, with vectors of the embedding model this installation runs. */
    INDEXED,
    /**
     * Found by its words only: the embedding model could not run when it was written (or search by meaning is
     * switched off); a re-index adds its vectors once the model runs.
     */
    WORDS_ONLY,
    /** Its vectors are another model's, or some of its passages have none: each index computes them again. */
    OUTDATED;

    /** Whether a re-index would change it. */
    public boolean needsReindex() {
        return this != INDEXED;
    }
}
