package io.supportagent.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class EnglishTextTests {

    @Test
    void variantsThatPorterLeavesApartMeetInTheirShorterForm() {
        String deliver = EnglishText.terms("deliver").getFirst();
        String delivery = EnglishText.terms("delivery").getFirst();
        assertThat(deliver).isNotEqualTo(delivery);
        Set<String> sentence = EnglishText.withPrefixes(EnglishText.terms("Delivery takes two days."));
        assertThat(EnglishText.match(sentence, delivery)).isEqualTo(1.0);
        assertThat(EnglishText.match(sentence, deliver)).isEqualTo(0.6);
        assertThat(EnglishText.match(sentence, EnglishText.terms("expire").getFirst()))
                .isZero();
        assertThat(EnglishText.match(
                        EnglishText.withPrefixes(EnglishText.terms("Gift cards have no expiry date")),
                        EnglishText.terms("expire").getFirst()))
                .isEqualTo(0.6);
        assertThat(EnglishText.prefix("ship")).isNull(); // short stems have no shorter form
    }
}
