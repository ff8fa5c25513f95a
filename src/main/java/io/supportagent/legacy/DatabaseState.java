package io.supportagent.legacy;

/**
 * What the migration found in the database before changing anything.
 *
 * @param kind single-tenant (to migrate), already migrated, or something this command does not know
 * @param reason for {@link Kind#UNSUPPORTED}, what is wrong, in one sentence for the operator
 * @param changelogPresent whether Liquibase's {@code databasechangelog} exists (a database rolled back to the
 *     single-tenant layout has it; one made by the earlier system does not)
 * @param counts rows of the single-tenant tables, when {@link Kind#SINGLE_TENANT}
 */
record DatabaseState(Kind kind, String reason, boolean changelogPresent, LegacyCounts counts) {

    enum Kind {
        SINGLE_TENANT,
        MIGRATED,
        UNSUPPORTED
    }

    static DatabaseState unsupported(String reason) {
        return new DatabaseState(Kind.UNSUPPORTED, reason, false, null);
    }
}
