package io.supportagent.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The article score's weights: one per feature, fitted ones with the hand-written ones' signs. */
class RetrieverWeightsTests {

    @Test
    void everyFeatureHasAWeightAndTheFittedOnesKeepTheHandWrittenSigns() {
        assertThat(Retriever.WEIGHTS).hasSize(Retriever.Feature.values().length);
        assertThat(Retriever.HAND_WEIGHTS).hasSize(Retriever.Feature.values().length);
        for (int i = 0; i < Retriever.HAND_WEIGHTS.length; i++) {
            if (Retriever.HAND_WEIGHTS[i] != 0) {
                assertThat(Math.signum(Retriever.WEIGHTS[i]))
                        .as(Retriever.Feature.values()[i].name())
                        .isEqualTo(Math.signum(Retriever.HAND_WEIGHTS[i]));
            }
        }
        // Rank fusion weighs 1: the other weights are relative to it.
        assertThat(Retriever.WEIGHTS[Retriever.Feature.FUSED.ordinal()]).isEqualTo(1);
    }

    @Test
    void anArticleAboutAbroadFallsBehindForAQuestionAboutHome() {
        double[] home = new double[Retriever.Feature.values().length];
        double[] abroad = home.clone();
        home[Retriever.Feature.FUSED.ordinal()] = 0.9;
        abroad[Retriever.Feature.FUSED.ordinal()] = 1;
        abroad[Retriever.Feature.ABROAD_AT_HOME.ordinal()] = 1;
        assertThat(Retriever.score(home, Retriever.WEIGHTS)).isGreaterThan(Retriever.score(abroad, Retriever.WEIGHTS));
    }
}
