package io.supportagent.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What is stored of a key: its bcrypt hash, and its tag, the first 32 bits of its SHA-256 in hex. The tag costs
 * microseconds to check, so a presented key whose tag differs is surely wrong (refused without bcrypt), and one whose
 * tag matches is almost surely right (a guess matches one time in four billion), so it is verified even while
 * someone guessing has spent its failure budget.
 */
record KeyHash(String bcrypt, String tag) {

    static String tagOf(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "KeyHash[***]";
    }
}
