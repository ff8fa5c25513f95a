package io.supportagent.agents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Advice about the world rather than the store's policies, in invented questions: with no close article the offline
 * agent hands it off (the relevance part is measured by AgentQualityTests, where it turned one development hand-off
 * right and lost no answerable question).
 */
class OfflineAdviceTests {

    @Test
    void hearsAdviceAboutTheWorld() {
        for (String question : new String[] {
            "which hiking route is the best for a first trip?",
            "can you recommend a good laptop for university?",
            "what's the best tent for beginners?",
            "should i buy the blue or the red one?",
            "which camera would be better for travel photos?",
            "how often should i water a cactus?",
            "how many hours should we sleep before a marathon?",
            "is it safe to run in the rain with a cold?",
            "is it healthy for kids to drink coffee?"
        }) {
            assertThat(OfflineProvider.ADVICE.matcher(question).find())
                    .as(question)
                    .isTrue();
        }
    }

    @Test
    void leavesPolicyQuestionsThatAreNoAdvice() {
        for (String question : new String[] {
            "how long does shipping take?",
            "can i return a sale item?",
            "what is your warranty on jackets?",
            "which payment methods do you accept?",
            "is it possible to pay by invoice?",
            "how long should a refund take?"
        }) {
            assertThat(OfflineProvider.ADVICE.matcher(question).find())
                    .as(question)
                    .isFalse();
        }
    }
}
