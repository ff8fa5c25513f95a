package io.supportagent.apikeys;

/**
 * A key just issued: the stored row and the full key, which exists only in this answer and is shown exactly once.
 */
public record IssuedKey(OrganizationApiKey key, String secret) {

    @Override
    public String toString() {
        return "IssuedKey[" + key.displayPrefix() + "…]";
    }
}
