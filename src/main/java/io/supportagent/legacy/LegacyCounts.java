package io.supportagent.legacy;

/** Rows of the three single-tenant tables; the migration must leave every one of them in place. */
record LegacyCounts(long stores, long conversations, long messages) {

    long total() {
        return stores + conversations + messages;
    }
}
