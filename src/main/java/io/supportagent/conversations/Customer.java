package io.supportagent.conversations;

/**
 * Who a conversation is with, as far as it is known at its start.
 *
 * @param emailVerified whether the store vouched for {@code email} (a verified identity), rather than the shopper
 *     typing it
 * @param reference the store's own id for the shopper, from a verified identity; else null
 */
public record Customer(String name, String email, boolean emailVerified, String reference) {

    public static Customer unverified(String name, String email) {
        return new Customer(name, email, false, null);
    }
}
