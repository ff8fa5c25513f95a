package io.supportagent.agents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which messages name one of the shopper's orders: only those go to the order flow. */
class OrderIntentTests {

    @Test
    void findsOrderNumbersAfterTheWordOrderOrAsCodes() {
        assertThat(OfflineProvider.orderNumber("Where is order 1001?")).contains("1001");
        assertThat(OfflineProvider.orderNumber("Status of order #KO-5502 please"))
                .contains("KO-5502");
        assertThat(OfflineProvider.orderNumber("Wo ist meine Bestellung 1004?")).contains("1004");
        assertThat(OfflineProvider.orderNumber("my order LH-20451, jonas@example.de"))
                .contains("LH-20451");
    }

    @Test
    void aQuantityOrAPriceAfterOrderIsNoOrderNumber() {
        assertThat(OfflineProvider.orderNumber("If I order 10 shirts, is shipping free?"))
                .isEmpty();
        assertThat(OfflineProvider.orderNumber("Can I order 2 pairs and return one?"))
                .isEmpty();
        assertThat(OfflineProvider.orderNumber("what do you charge for shipping on a $30 order"))
                .isEmpty();
        assertThat(OfflineProvider.orderNumber("Do orders over 75 dollars ship free?"))
                .isEmpty();
        assertThat(OfflineProvider.orderNumber("Is there same-day dispatch if I order before 1 pm?"))
                .isEmpty();
        assertThat(OfflineProvider.looksLikeOrderNumber("12")).isFalse();
        assertThat(OfflineProvider.looksLikeOrderNumber("1pm")).isFalse();
        assertThat(OfflineProvider.looksLikeOrderNumber("A12B")).isTrue();
        assertThat(OfflineProvider.looksLikeOrderNumber("100234")).isTrue();
    }
}
