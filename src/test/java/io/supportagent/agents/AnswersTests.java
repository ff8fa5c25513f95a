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
    void theThirdBestSentenceIsQuotedWhenItScoresHalfAsWellAsTheBestAndAFourthNever() {
        // "How do I dry my down jacket?": the sentence that answers shares only "dry" and is third by words and
        // meaning; a sentence far from the question is not quoted however short the quote is.
        ArticleMatch care = match(
                "Caring for your gear",
                Set.of("care", "gear"),
                new Sentence(
                        "Wash your down jacket only when it is dirty.",
                        Set.of("wash", "down", "jacket", "dirti"),
                        1,
                        0.55),
                new Sentence(
                        "Never dry clean a down jacket.", Set.of("never", "dry", "clean", "down", "jacket"), 1, 0.6),
                new Sentence(
                        "Tumble dry it on low heat with two tennis balls to restore its loft.",
                        Set.of("tumbl", "dry", "low", "heat", "two", "tenni", "ball", "restor", "loft"),
                        1,
                        0.5),
                new Sentence("Our stores are open on Sundays.", Set.of("store", "open", "sundai"), 0.2, 0.05));
        Map<String, Double> question = Map.of("dry", 2.0, "down", 1.5, "jacket", 1.5);

        String quoted = Answers.quote(care, question, Answers.Asks.OTHER, Answers.MOST);
        assertThat(quoted).contains("tennis balls").contains("Never dry clean").doesNotContain("Sundays");
        assertThat(Answers.quote(care, question, Answers.Asks.OTHER, 2)).doesNotContain("tennis balls");
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
        // "when" joining a clause asks no time; "when" asking does
        assertThat(Answers.asks("do i get the delivery costs back when i return a lamp"))
                .isEqualTo(Answers.Asks.AMOUNT);
        assertThat(Answers.asks("when will my refund arrive")).isEqualTo(Answers.Asks.DURATION);
        // "What happens if…" asks what follows, even when it names a price; a figure is not what follows.
        assertThat(Answers.asks("what happens if the delivery fee goes up before my next order"))
                .isEqualTo(Answers.Asks.CONSEQUENCE);
        assertThat(Answers.holds("If a delivery fails twice, the parcel goes back to us.", Answers.Asks.CONSEQUENCE))
                .isTrue();
        assertThat(Answers.holds("Members save 5% on every delivery fee.", Answers.Asks.CONSEQUENCE))
                .isFalse();
        assertThat(Answers.holds("Refunds cost CHF 4.50 to process.", Answers.Asks.AMOUNT))
                .isTrue();
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

    private static ArticleMatch match(String title, double relevance, Sentence... sentences) {
        ArticleMatch m = match(title, Set.of(), sentences);
        return new ArticleMatch(m.article(), relevance, m.sentences(), m.titleTerms());
    }

    @Test
    void aCloseLookAlikeThatSaysTheAskedNumberAnswersBeforeAnArticleThatHasNone() {
        ArticleMatch care = match(
                "Caring for leather boots",
                0.6,
                new Sentence("Wax your boots every 2-3 months.", Set.of("wax", "boot", "month"), 1, 0.5),
                new Sentence(
                        "Resoling is available through our repair service.",
                        Set.of("resol", "avail", "repair", "servic"),
                        1,
                        0.6));
        ArticleMatch repairs = match(
                "Repair service",
                0.55,
                new Sentence("Resoling boots costs $79.", Set.of("resol", "boot", "cost", "79"), 1, 0.6));
        ArticleMatch far = match(
                "Gift cards", 0.2, new Sentence("Boots gift cards cost $25.", Set.of("boot", "gift", "cost"), 1, 0));
        Map<String, Double> question = Map.of("resol", 3.0, "boot", 1.0, "cost", 1.0);

        assertThat(Answers.byFact(List.of(care, repairs), question, Answers.Asks.AMOUNT)
                        .getFirst())
                .isSameAs(repairs);
        // Not for a question that asks no number, and not for an article far behind.
        assertThat(Answers.byFact(List.of(care, repairs), question, Answers.Asks.METHOD)
                        .getFirst())
                .isSameAs(care);
        assertThat(Answers.byFact(List.of(care, far), question, Answers.Asks.AMOUNT)
                        .getFirst())
                .isSameAs(care);
    }

    @Test
    void aShopperWaitingGetsHowLongItTakesAndAPlaceGetsItsOwnSentence() {
        ArticleMatch tracking = match(
                "Tracking",
                Set.of("track"),
                new Sentence(
                        "Your tracking number is in the email we send when the parcel leaves.",
                        Set.of("track", "number", "email", "send", "parcel", "leav"),
                        1,
                        0.5),
                new Sentence(
                        "Tracking can take up to 24 hours to show the first update.",
                        Set.of("track", "take", "24", "hour", "show", "first", "updat"),
                        1,
                        0.5),
                new Sentence(
                        "If your tracking has not changed for 5 business days, contact us.",
                        Set.of("track", "chang", "5", "busi", "dai", "contact"),
                        1,
                        0.7));
        Map<String, Double> question = Map.of("track", 1.0, "number", 2.0, "work", 1.0);

        assertThat(Answers.quote(tracking, question, Answers.Asks.DURATION, 2, true, s -> 0))
                .contains("24 hours");
        // Without the wait heard, the condition with a number of days competes as an equal.
        assertThat(Answers.quote(tracking, question, Answers.Asks.DURATION, 2, false, s -> 0))
                .doesNotContain("24 hours");

        ArticleMatch duties = match(
                "International shipping",
                Set.of("intern", "ship"),
                new Sentence(
                        "For Canada and Norway, import duties are not included and are collected on delivery.",
                        Set.of("canada", "norwai", "import", "duti", "includ", "collect", "deliveri"),
                        1,
                        0.5),
                new Sentence(
                        "Prices for the EU include duties, so nothing is due on delivery.",
                        Set.of("price", "eu", "includ", "duti", "due", "deliveri"),
                        1,
                        0.5));
        Map<String, Double> customs = Map.of("duti", 2.0, "custom", 2.0, "franc", 2.0);
        java.util.function.ToIntFunction<String> france = s -> s.contains("EU") ? 1 : s.contains("Canada") ? -1 : 0;

        assertThat(Answers.quote(duties, customs, Answers.Asks.CONDITION, 1, false, france))
                .contains("EU")
                .doesNotContain("Canada");
        assertThat(Answers.quote(duties, customs, Answers.Asks.CONDITION, 1, false, s -> 0))
                .contains("Canada");
    }

    @Test
    void aSentenceAboutANarrowerKindIsNoAnswerToAGeneralQuestion() {
        Map<String, Double> exchange = Map.of("exchang", 1.0, "size", 1.0);
        assertThat(Answers.narrower("Sale items can be exchanged only for a different size.", exchange))
                .isTrue();
        assertThat(Answers.narrower("Lumen furniture carries an extra five-year guarantee.", Map.of("guarante", 1.0)))
                .isTrue();
        // the question names the kind, or the first word is a determiner or a condition any item can be in
        assertThat(Answers.narrower("Sale items can be exchanged only for a different size.", Map.of("sale", 1.0)))
                .isFalse();
        assertThat(Answers.narrower("Unworn items can be exchanged within 30 days.", exchange))
                .isFalse();
        assertThat(Answers.narrower("Most items can be exchanged within 30 days.", exchange))
                .isFalse();
        assertThat(Answers.narrower("You can exchange any item within 30 days.", exchange))
                .isFalse();
    }
}
