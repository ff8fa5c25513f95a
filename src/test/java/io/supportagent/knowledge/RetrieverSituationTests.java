package io.supportagent.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shopper's situations that say which of two look-alike articles answers (read in English, lower case). */
class RetrieverSituationTests {

    @Test
    void aProblemSaidWithItsArrivalIsDamageOnArrivalNotALaterDefect() {
        assertThat(Retriever.ARRIVED_BROKEN
                        .matcher("my jacket arrived with a broken zipper what should i do")
                        .find())
                .isTrue();
        assertThat(Retriever.ARRIVED_BROKEN
                        .matcher("i received the wrong colour")
                        .find())
                .isTrue();
        assertThat(Retriever.ARRIVED_BROKEN
                        .matcher("the lamp was cracked on delivery")
                        .find())
                .isTrue();
        assertThat(Retriever.ARRIVED_BROKEN
                        .matcher("you sent me the wrong lamp")
                        .find())
                .isTrue();
        assertThat(Retriever.ARRIVED_BROKEN.matcher("they sent a damaged box").find())
                .isTrue();
        assertThat(Retriever.ARRIVED_BROKEN
                        .matcher("my zip broke after a year is that covered")
                        .find())
                .isFalse();
        assertThat(Retriever.ARRIVED_BROKEN
                        .matcher("when will my parcel arrive")
                        .find())
                .isFalse();
        assertThat(Retriever.ARRIVAL_TITLE)
                .contains(EnglishText.terms("damaged").getFirst());
    }

    @Test
    void somethingThatDoesNotFitAsksForAnExchangeNotTheSizeGuide() {
        assertThat(Retriever.WRONG_FIT
                        .matcher("the boots are too small how do i get a bigger size")
                        .find())
                .isTrue();
        assertThat(Retriever.WRONG_FIT.matcher("these trousers don't fit").find())
                .isTrue();
        assertThat(Retriever.WRONG_FIT
                        .matcher("which size should i pick for a winter jacket")
                        .find())
                .isFalse();
        assertThat(Retriever.EXCHANGE_TITLE)
                .contains(EnglishText.terms("exchanging").getFirst());
    }
}
