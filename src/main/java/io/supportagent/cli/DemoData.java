package io.supportagent.cli;

import io.supportagent.knowledge.NewArticle;
import io.supportagent.knowledge.Order;
import io.supportagent.platform.StoreId;
import java.time.Instant;
import java.util.List;

/** The demo store's knowledge articles and orders. */
final class DemoData {

    static final List<NewArticle> ARTICLES = List.of(
            new NewArticle(
                    "Shipping times and costs",
                    "We ship every order within 1-2 business days. Standard delivery takes 3-5 business days and is"
                            + " free on orders over $50; below that it costs $4.95. Express delivery takes 1-2 business"
                            + " days and costs $14.95. You get a tracking link by email as soon as your parcel ships.",
                    "https://demo-outfitters.example/help/shipping"),
            new NewArticle(
                    "Returns and refunds",
                    "You can return unworn items within 30 days of delivery for a full refund. Start a return from"
                            + " your account page and print the free return label. Refunds reach your original payment"
                            + " method within 5 business days after the return arrives at our warehouse.",
                    "https://demo-outfitters.example/help/returns"),
            new NewArticle(
                    "Sizing guide",
                    "Our shirts and jackets run true to size. If you are between two sizes, choose the larger size"
                            + " for a relaxed fit. Trousers come in waist sizes 28 to 40 and three leg lengths. Each"
                            + " product page has a size chart in centimetres and inches.",
                    "https://demo-outfitters.example/help/sizing"),
            new NewArticle(
                    "Warranty",
                    "All jackets and boots carry a two-year warranty against manufacturing defects such as broken"
                            + " zips or seams. The warranty does not cover normal wear or accidental damage. Send us a"
                            + " photo of the defect and your order number to make a warranty claim.",
                    "https://demo-outfitters.example/help/warranty"),
            new NewArticle(
                    "Payment methods",
                    "We accept Visa, Mastercard, American Express, PayPal, Apple Pay and Google Pay. Your card is"
                            + " charged when your order ships. Gift cards can be combined with any other payment method.",
                    "https://demo-outfitters.example/help/payment"));

    static List<Order> orders(StoreId store) {
        Instant updated = Instant.parse("2026-11-20T10:00:00Z");
        return List.of(
                new Order(
                        store,
                        "1001",
                        "alice@example.com",
                        "shipped",
                        List.of(new Order.Item("Trail jacket", 1, 12900L), new Order.Item("Wool socks", 2, 1500L)),
                        "https://tracking.example/parcels/DO1001",
                        updated,
                        null),
                new Order(
                        store,
                        "1002",
                        "bob@example.com",
                        "processing",
                        List.of(new Order.Item("Canvas trousers", 1, 7900L)),
                        null,
                        updated,
                        null));
    }

    private DemoData() {}
}
