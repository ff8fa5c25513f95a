package io.supportagent.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlacesTests {

    private final Places places = Places.shared();

    @Test
    void hearsCountriesInTheFiveLanguages() {
        assertThat(places.named("I live in Germany. Is the return label free?")).containsExactly("germany");
        assertThat(places.named("¿Envían a Alemania o al Reino Unido?")).contains("germany", "united kingdom");
        assertThat(places.named("Je suis en Suisse")).containsExactly("switzerland");
        assertThat(places.named("Liefern Sie nach Österreich?")).containsExactly("austria");
        assertThat(places.named("Vocês entregam nos Estados Unidos?")).containsExactly("united states");
        assertThat(places.named("Where do returns from the UK get sent?")).containsExactly("united kingdom");
    }

    @Test
    void aPronounOrACommonWordIsNoPlace() {
        assertThat(places.named("Can you send it back to us?")).isEmpty();
        assertThat(places.named("Can my china plates go in the dishwasher?")).isEmpty();
        assertThat(places.named("Where is my UPS parcel?")).isEmpty();
    }

    @Test
    void findsWhereAStoreIsAtHomeFromHowItsArticlesSpeak() {
        assertThat(places.homes("Customers outside the US have the same window. Returns within the US are free."))
                .containsOnlyKeys("united states");
        assertThat(places.homes("Delivery outside Germany. Large items are delivered only within Germany and Austria."))
                .containsOnlyKeys("germany");
        assertThat(places.homes("We ship to Canada and the UK.")).isEmpty();
    }

    @Test
    void readsAPlaceInEnglishWithItsAbbreviation() {
        assertThat(places.english("reino unido")).isEqualTo("united kingdom uk");
        assertThat(places.english("alemanha")).isEqualTo("germany");
        assertThat(places.english("zapatos")).isNull();
    }

    @Test
    void aSentenceIsAboutTheAskedPlaceItsRegionOrOthersButNotAboutHome() {
        Retrieval france = new Retrieval(
                Language.EN,
                "customs france",
                "customs france",
                java.util.Map.of(),
                java.util.List.of(),
                Retriever.places("Will I pay customs in France?"),
                java.util.Set.of("united states"));

        assertThat(france.places()).contains("france", "european union");
        assertThat(france.aboutPlace("Prices for the EU include duties.")).isEqualTo(1);
        assertThat(france.aboutPlace("For Canada and Norway, duties are collected on delivery."))
                .isEqualTo(-1);
        assertThat(france.aboutPlace("Customers outside the US pay for the label."))
                .isZero();
        assertThat(france.aboutPlace("Duties are shown at checkout.")).isZero();
        assertThat(new Retrieval(Language.EN, "", "", java.util.Map.of(), java.util.List.of())
                        .aboutPlace("For Canada, duties are collected."))
                .isZero();
    }
}
