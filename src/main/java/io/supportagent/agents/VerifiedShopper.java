package io.supportagent.agents;

/**
 * A shopper whose identity the store vouched for with a token signed by the instance's identity secret.
 *
 * @param reference the store's own id for the shopper (the token's {@code sub})
 * @param email the shopper's email as the store knows it, or null
 * @param name the shopper's name, or null
 */
public record VerifiedShopper(String reference, String email, String name) {}
