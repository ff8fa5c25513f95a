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

    @Test
    void aReportedProblemAsksWhatTheStoreDoesAndWaitingAsksHowLong() {
        assertThat(Answers.asks(
                        "the table i received has a big scratch on it", "The table I received has a big scratch"))
                .isEqualTo(Answers.Asks.REMEDY);
        assertThat(Answers.asks("my jacket arrived with a broken zipper what should i do", "…what should I do?"))
                .isEqualTo(Answers.Asks.REMEDY);
        assertThat(Answers.asks("my refund was issued but i don't see it on my card yet", "…yet"))
                .isEqualTo(Answers.Asks.DURATION);
        // How long the shopper has (a window to act) is not how long something takes.
        assertThat(Answers.asks("what's your return policy? how long do i have?", "How long do I have?"))
                .isEqualTo(Answers.Asks.DEADLINE);
        assertThat(Answers.holds("You can return unworn items within 45 days of delivery.", Answers.Asks.DEADLINE))
                .isTrue();
        assertThat(Answers.holds("Standard shipping takes 4-6 business days.", Answers.Asks.DEADLINE))
                .isFalse();
        // Keywords are no report of a problem, and a question is a question.
        assertThat(Answers.asks("shipping to canada", "shipping to canada")).isEqualTo(Answers.Asks.OTHER);
        assertThat(Answers.asks("is the parcel damaged", "Is the parcel damaged?"))
                .isNotEqualTo(Answers.Asks.REMEDY);
    }

    @Test
    void aReportedProblemGetsTheSentenceSayingWhatTheStoreDoes() {
        ArticleMatch damaged = match(
                "Damaged items",
                Set.of("damag", "item"),
                new Sentence(
                        "If an item arrives scratched or broken, report it within 48 hours with photos.",
                        Set.of("item", "arriv", "scratch", "broken", "report", "48", "hour", "photo"),
                        1,
                        0.6),
                new Sentence(
                        "Photos of the box help the carrier to investigate.",
                        Set.of("photo", "box", "help", "carrier", "investig"),
                        1,
                        0.5),
                new Sentence("We then send a replacement at no cost.", Set.of("send", "replac", "cost"), 1, 0.4));
        Map<String, Double> question = Map.of("scratch", 3.0, "receiv", 1.0, "tabl", 2.0);

        assertThat(Answers.quote(damaged, question, Answers.Asks.REMEDY, 2))
                .contains("48 hours")
                .contains("replacement");
        assertThat(Answers.quote(damaged, question, Answers.Asks.OTHER, 2)).doesNotContain("replacement");
    }
}
