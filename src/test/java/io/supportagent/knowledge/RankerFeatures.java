package io.supportagent.knowledge;

import io.supportagent.platform.StoreId;
import io.supportagent.platform.TenantContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.ApplicationContext;

/**
 * The features of every candidate article of a question, as {@link Retriever#rank} weighs them, one tab-separated
 * line each: for fitting the article score's weights on the development questions (bench/agent-quality/fit_ranker.py).
 * Test scope only; the caller chooses the questions (development answerable ones only: never held out, never the
 * probe).
 */
public final class RankerFeatures {

    private RankerFeatures() {}

    /**
     * Runs the work with the article score weighing the features by {@code weights} (in {@link Retriever.Feature}
     * order; fewer: the rest weigh 0), then puts the weights back: to compare fitted weights end to end on the
     * development part in one run.
     */
    public static <T> T withWeights(double[] weights, java.util.function.Supplier<T> work) {
        double[] saved = Retriever.WEIGHTS.clone();
        java.util.Arrays.fill(Retriever.WEIGHTS, 0);
        System.arraycopy(weights, 0, Retriever.WEIGHTS, 0, Math.min(weights.length, Retriever.WEIGHTS.length));
        try {
            return work.get();
        } finally {
            System.arraycopy(saved, 0, Retriever.WEIGHTS, 0, saved.length);
        }
    }

    /** The weights in use, in {@link Retriever.Feature} order. */
    public static double[] weights() {
        return Retriever.WEIGHTS.clone();
    }

    /** The weights as written by hand before they were fitted, in {@link Retriever.Feature} order. */
    public static double[] handWeights() {
        return Retriever.HAND_WEIGHTS.clone();
    }

    /** The columns of {@link #rows}. */
    public static String header() {
        StringBuilder out = new StringBuilder("id\tstore\tquestion_language\thand_rank\texpected\trelevance\tarticle");
        for (Retriever.Feature f : Retriever.Feature.values()) {
            out.append('\t').append(f.name().toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    /**
     * One line per candidate article of the question in the store, best first as the hand-written weights rank
     * them; {@code expected} is the title of the article that answers. Runs as the current tenant.
     */
    public static List<String> rows(
            ApplicationContext context,
            StoreId store,
            String id,
            String storeName,
            String language,
            String question,
            String expected) {
        Retriever retriever = context.getBean(Retriever.class);
        Retriever.Ranking ranking = withWeights(
                Retriever.HAND_WEIGHTS,
                () -> retriever.rank(TenantContext.require().organizationId(), store, question, true));
        List<String> out = new ArrayList<>();
        int rank = 0;
        for (Retriever.Ranked c : ranking.candidates()) {
            String title = c.entry().article().title();
            StringBuilder line = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%s\t%s\t%s\t%d\t%d\t%.5f\t%s",
                    id,
                    storeName,
                    language,
                    rank++,
                    title.equals(expected) ? 1 : 0,
                    c.relevance(),
                    title.replace('\t', ' ')));
            for (double v : c.features()) {
                line.append('\t').append(String.format(Locale.ROOT, "%.5f", v));
            }
            out.add(line.toString());
        }
        return out;
    }
}
