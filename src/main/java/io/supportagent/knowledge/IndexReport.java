package io.supportagent.knowledge;

import java.util.Map;
import java.util.UUID;

/**
 * How a store's articles are indexed for the agent.
 *
 * @param states each article's state, by its id
 * @param meaningAvailable whether this installation finds articles by meaning (the embedding model runs here)
 * @param reindexing whether a re-index of the store runs now (on this node)
 */
public record IndexReport(Map<UUID, IndexState> states, boolean meaningAvailable, boolean reindexing) {

    public IndexReport {
        states = Map.copyOf(states);
    }

    public long count(IndexState state) {
        return states.values().stream().filter(s -> s == state).count();
    }

    /** How many articles a re-index would change. */
    public long toReindex() {
        return states.values().stream().filter(IndexState::needsReindex).count();
    }

    /** The article's state; an article written after the report was read counts as indexed. */
    public IndexState of(UUID article) {
        return states.getOrDefault(article, IndexState.INDEXED);
    }
}
