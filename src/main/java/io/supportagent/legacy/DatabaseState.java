package io.supportagent.legacy;

import java.util.Map;

/**
 * Where the database stands, found from the database itself: its tables, the changesets its changelog records, and
 * (for a single-tenant database) its rows and the words they use.
 *
 * @param kind single-tenant (to migrate), partly migrated by an earlier version of this command that was stopped
 *     (to finish or roll back), migrated, or something this command does not know
 * @param reason for {@link Kind#UNSUPPORTED}, what is wrong, in one sentence for the operator
 * @param changelogPresent whether Liquibase's {@code databasechangelog} exists (a database rolled back to the
 *     single-tenant layout has it; one made by the earlier system does not)
 * @param counts rows of the single-tenant tables, when {@link Kind#SINGLE_TENANT}
 * @param statuses every conversation status found, with its count, when {@link Kind#SINGLE_TENANT}
 * @param roles every message role found, with its count, when {@link Kind#SINGLE_TENANT}
 */
record DatabaseState(
        Kind kind,
        String reason,
        boolean changelogPresent,
        LegacyCounts counts,
        Map<String, Long> statuses,
        Map<String, Long> roles) {

    enum Kind {
        SINGLE_TENANT,
        PARTLY_MIGRATED,
        MIGRATED,
        UNSUPPORTED
    }

    static DatabaseState of(Kind kind) {
        return new DatabaseState(kind, null, true, null, Map.of(), Map.of());
    }

    static DatabaseState unsupported(String reason) {
        return new DatabaseState(Kind.UNSUPPORTED, reason, false, null, Map.of(), Map.of());
    }
}
