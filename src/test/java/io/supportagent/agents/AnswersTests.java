package io.supportagent.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.knowledge.Article;
import io.supportagent.knowledge.ArticleMatch;
import io.supportagent.knowledge.Sentence;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which sentences of an article the offline agent quotes. */
class AnswersTests {

    private static ArticleMatch match(String title, Set<String> titleTerms, Sentence... sentences) {
        Article article = new Article(
                UUID.randomUUID(),
                new OrganizationId(UUID.randomUUID()),
                new StoreId(UUID.randomUUID()),
                title,
                String.join(" ", List.of(sentences).stream().map(Sentence::text).toList()),
                "https://shop.example/help",
                Instant.EPOCH,
                Instant.EPOCH);
        return new ArticleMatch(article, 0.8, List.of(sentences), titleTerms);
    }

    @Test
    void aQuestionAskingForAPriceGetsTheSentenceWithThePriceEvenWhenItContinuesAnother() {
        ArticleMatch plan = match(
                "Extended cover",
                Set.of("extend", "cover"),
                new Sentence(
                        "For appliances you can add a three-year protection plan at checkout.",
                        Set.of("applianc", "add", "three", "year", "protect", "plan", "checkout"),
                        1,
                        0),
                new Sentence("It costs 10% of the product price.", Set.of("cost", "10", "product", "price"), 1, 0),
                new Sentence(
                        "Claims are handled by our partner within five working days.",
                        Set.of("claim", "handl", "partner", "five", "work", "dai"),
                        1,
                        0));
        Map<String, Double> question = Map.of("protect", 2.0, "plan", 2.0);

        assertThat(Answers.asks("how much is the protection plan")).isEqualTo(Answers.Asks.AMOUNT);
        assertThat(Answers.quote(plan, question, Answers.Asks.AMOUNT, 2))
                .contains("protection plan")
                .contains("10%")
                .doesNotContain("Claims");
        assertThat(Answers.quote(plan, question, Answers.Asks.OTHER, 2)).doesNotContain("10%");
    }
}
