package io.supportagent.cli;

import io.supportagent.knowledge.NewArticle;
import io.supportagent.knowledge.Order;
import io.supportagent.platform.StoreId;
import java.time.Instant;
import java.util.List;

/** The demo store's knowledge articles (a small help center, with look-alike pairs) and orders. */
public final class DemoData {

    public static final List<NewArticle> ARTICLES = List.of(
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
                    "https://demo-outfitters.example/help/payment"),
            new NewArticle(
                    "International shipping",
                    "We ship to the EU, the United Kingdom, Canada, Australia and Japan. International delivery takes"
                            + " 7-14 business days and costs a flat $19.95, whatever the order value. Customs duties and"
                            + " import taxes are charged by the destination country and are paid by the customer on"
                            + " delivery. We cannot ship to PO boxes or military addresses outside the United States.",
                    "https://demo-outfitters.example/help/international-shipping"),
            new NewArticle(
                    "International returns",
                    "Customers outside the United States can return items within 45 days of delivery. International"
                            + " return shipping is not free: the cost of the return parcel is paid by the customer, and"
                            + " we recommend a tracked service. Customs duties paid on delivery are not refunded. Your"
                            + " refund is issued within 10 business days after the parcel reaches our warehouse.",
                    "https://demo-outfitters.example/help/international-returns"),
            new NewArticle(
                    "Exchanges",
                    "Need another size or colour? Exchanges are free within 30 days of delivery for items in their"
                            + " original condition. Start an exchange from your account page and choose the new size; we"
                            + " ship the replacement as soon as the original is scanned by the carrier. If the new size"
                            + " is sold out, we refund you instead. Sale items can be exchanged only for a different"
                            + " size of the same product.",
                    "https://demo-outfitters.example/help/exchanges"),
            new NewArticle(
                    "Damaged or faulty items",
                    "If your item arrives damaged or faulty, contact us within 14 days of delivery with photos of the"
                            + " item and the packaging. We send a free replacement or give you a full refund, including"
                            + " the original shipping cost. You do not need to send the damaged item back unless we ask"
                            + " for it. Defects that appear after longer use are covered by our warranty.",
                    "https://demo-outfitters.example/help/damaged-items"),
            new NewArticle(
                    "Gift cards",
                    "Gift cards are sold in amounts from $25 to $500 and are delivered by email within a few minutes."
                            + " They never expire and can be used for several orders until the balance is spent. Gift"
                            + " cards cannot be exchanged for cash or used to buy other gift cards. To check your"
                            + " balance, enter the gift card code at checkout.",
                    "https://demo-outfitters.example/help/gift-cards"),
            new NewArticle(
                    "Care instructions",
                    "Wash cotton shirts at 30°C inside out and hang them to dry. Wool socks and sweaters should be"
                            + " hand washed in cold water and dried flat; never tumble dry wool. Waxed jackets must not"
                            + " be washed: wipe them with a damp cloth and re-wax them once a year. Leather boots stay"
                            + " supple with a leather conditioner every few months.",
                    "https://demo-outfitters.example/help/care"),
            new NewArticle(
                    "Changing or cancelling an order",
                    "You can change or cancel an order within one hour of placing it, from the order confirmation"
                            + " email or your account page. After that hour the order is packed for shipping and can no"
                            + " longer be changed; you can return it instead once it arrives. Changing the delivery"
                            + " address after the parcel has shipped is not possible.",
                    "https://demo-outfitters.example/help/change-or-cancel"),
            new NewArticle(
                    "Discount codes and promotions",
                    "One discount code can be used per order, entered at checkout. Codes cannot be combined with"
                            + " other promotions or applied to an order after it was placed. Students get 15% off with a"
                            + " verified student account. Sign up for our newsletter to receive a 10% welcome code.",
                    "https://demo-outfitters.example/help/discounts"),
            new NewArticle(
                    "Privacy and your data",
                    "We only use your personal data to process your orders and, if you agree, to send our newsletter."
                            + " We never sell your data to third parties. You can download or delete your data at any"
                            + " time from the privacy section of your account, or ask us by email; we answer within 30"
                            + " days. You can unsubscribe from the newsletter with the link at the bottom of every"
                            + " email.",
                    "https://demo-outfitters.example/help/privacy"),
            new NewArticle(
                    "Tracking your order",
                    "As soon as your parcel ships we email you a tracking link; you can also find it in your account"
                            + " under Orders. Tracking updates can take up to 24 hours to appear after the parcel ships."
                            + " If your tracking has not changed for five business days, contact us and we will open an"
                            + " investigation with the carrier.",
                    "https://demo-outfitters.example/help/tracking"));

    public static List<Order> orders(StoreId store) {
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
                        null),
                new Order(
                        store,
                        "1003",
                        "carol@example.com",
                        "delivered",
                        List.of(new Order.Item("Leather boots", 1, 18900L)),
                        "https://tracking.example/parcels/DO1003",
                        updated,
                        null),
                new Order(
                        store,
                        "1004",
                        "dave@example.org",
                        "shipped",
                        List.of(new Order.Item("Merino sweater", 2, 8900L)),
                        "https://tracking.example/parcels/DO1004",
                        updated,
                        null));
    }

    private DemoData() {}
}
