package io.supportagent.legacy;

import io.supportagent.platform.CliCommand;
import io.supportagent.platform.Confirmation;
import io.supportagent.platform.db.DatabaseServer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code migrate-to-multi-tenant}: shows what it will do to a single-tenant database, asks, migrates it, and prints
 * the new organization's keys once, on standard output only (never to the log).
 */
@Component
@Command(
        name = "migrate-to-multi-tenant",
        mixinStandardHelpOptions = true,
        description = "Moves a database of the earlier single-tenant system to the multi-tenant schema, in place.")
class MigrateToMultiTenantCommand implements CliCommand, Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Option(
            names = "--org-name",
            defaultValue = "Auresta",
            description = "Name of the organization that receives every store (default: ${DEFAULT-VALUE}).")
    String organizationName;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--dry-run", description = "Show the plan and change nothing.")
    boolean dryRun;

    @Option(
            names = "--rollback",
            description =
                    "Undo a migration: back to the single-tenant layout, keeping stores, conversations and messages.")
    boolean rollback;

    @Option(
            names = "--map-status",
            paramLabel = "OLD=NEW",
            description = "Map a conversation status of the earlier system to open, handed_off or resolved"
                    + " (repeatable; extends the defaults).")
    List<String> statusMappings = new ArrayList<>();

    @Option(
            names = "--map-role",
            paramLabel = "OLD=NEW",
            description = "Map a message role of the earlier system to customer, agent, human_agent or system"
                    + " (repeatable; extends the defaults).")
    List<String> roleMappings = new ArrayList<>();

    @Option(
            names = "--database-url",
            paramLabel = "URL",
            description = "Database to migrate (postgres:// or jdbc:postgresql://), instead of DATABASE_URL.")
    String databaseUrl; // read by the command line before start-up; declared here for --help and parsing

    private final LegacyMigration migration;
    private final DatabaseServer server;

    MigrateToMultiTenantCommand(LegacyMigration migration, DatabaseServer server) {
        this.migration = migration;
        this.server = server;
    }

    @Override
    public String name() {
        return "migrate-to-multi-tenant";
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (organizationName == null
                || organizationName.isBlank()
                || organizationName.strip().length() > 200) {
            System.err.println("error: --org-name must be 1 to 200 characters; nothing was changed");
            return USAGE;
        }
        String orgName = organizationName.strip();
        Vocabulary vocabulary;
        try {
            vocabulary = Vocabulary.of(statusMappings, roleMappings);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage() + "; nothing was changed");
            return USAGE;
        }
        if (!dryRun) {
            migration.releaseStaleLock().ifPresent(released -> out.println("Note: " + released + "."));
        }
        DatabaseState state = migration.inspect();
        if (rollback) {
            return rollBack(out, state);
        }
        switch (state.kind()) {
            case MIGRATED -> {
                out.println("Database " + server.ownerUrl() + " is already migrated, nothing to do.");
                return OK;
            }
            case UNSUPPORTED -> {
                System.err.println("error: " + state.reason() + " (" + server.ownerUrl() + "); nothing was changed");
                return FAILED;
            }
            case PARTLY_MIGRATED ->
                out.println("Database " + server.ownerUrl() + " was left partly migrated by an"
                        + " earlier version of this command that was stopped. It will be put back to the single-tenant"
                        + " layout and migrated again, in one transaction.");
            case SINGLE_TENANT -> {
                printPlan(out, state.counts(), orgName);
                boolean unknown = printVocabulary(out, state, vocabulary);
                if (unknown) {
                    System.err.println("error: some statuses or roles have no mapping (marked ???): map each with"
                            + " --map-status OLD=NEW or --map-role OLD=NEW; nothing was changed");
                    return FAILED;
                }
            }
        }
        if (dryRun) {
            out.println("Dry run: nothing was changed.");
            return OK;
        }
        if (!yes && !confirmed(out, "Migrate this database?")) {
            out.println("Aborted: nothing was changed.");
            return FAILED;
        }
        long started = System.nanoTime();
        MigrationResult result;
        try {
            result = migration.migrate(state, orgName, vocabulary);
        } catch (MigrationFailed e) {
            System.err.println("error: migration failed: " + e.getMessage());
            return FAILED;
        }
        printResult(out, result, (System.nanoTime() - started) / 1e9);
        return OK;
    }

    private int rollBack(PrintStream out, DatabaseState state) {
        if (state.kind() == DatabaseState.Kind.SINGLE_TENANT) {
            out.println("Database " + server.ownerUrl() + " already has the single-tenant layout, nothing to do.");
            return OK;
        }
        if (state.kind() != DatabaseState.Kind.MIGRATED && state.kind() != DatabaseState.Kind.PARTLY_MIGRATED) {
            System.err.println("error: " + state.reason() + " (" + server.ownerUrl() + "); nothing was changed");
            return FAILED;
        }
        // A partly migrated database never got past the earlier version's data step with more than its one
        // organization (serve refuses it), and may lack the platform role's privileges that the count needs.
        long organizations = state.kind() == DatabaseState.Kind.MIGRATED ? migration.organizations() : 0;
        if (organizations > 1) {
            System.err.println("error: the database holds " + organizations + " organizations; going back to one"
                    + " single-tenant database would merge their stores: restore the backup taken before the"
                    + " migration instead; nothing was changed");
            return FAILED;
        }
        out.println("Rolling " + server.ownerUrl() + " back to the single-tenant layout will drop the organization,"
                + " agent definitions and instances (widget keys), API keys and usage, and the organization columns;"
                + " every store, conversation and message stays as it was.");
        if (dryRun) {
            out.println("Dry run: nothing was changed.");
            return OK;
        }
        if (!yes && !confirmed(out, "Roll this database back?")) {
            out.println("Aborted: nothing was changed.");
            return FAILED;
        }
        try {
            migration.rollBack(state);
        } catch (RuntimeException e) {
            System.err.println("error: rollback failed: " + LegacyMigration.rootMessage(e));
            return FAILED;
        }
        out.println("Rolled back to the single-tenant layout.");
        return OK;
    }

    private void printPlan(PrintStream out, LegacyCounts counts, String orgName) {
        out.println("Single-tenant database found at " + server.ownerUrl() + ":");
        out.printf(Locale.ROOT, "  stores:         %,d%n", counts.stores());
        out.printf(Locale.ROOT, "  conversations:  %,d%n", counts.conversations());
        out.printf(Locale.ROOT, "  messages:       %,d%n", counts.messages());
        out.println("The migration will:");
        out.println("  1. upgrade the schema to the multi-tenant layout (organization columns still optional);");
        out.println("  2. in one transaction:");
        out.println(
                "     - create the organization \"" + orgName + "\" (enterprise tier) and assign every store to it,");
        out.println("     - create the customer_service agent definition v1.0.0 if it is missing,");
        out.printf(
                Locale.ROOT,
                "     - create %,d agent instances, one per store, each with its widget key (pk_widget_...),%n",
                counts.stores());
        out.printf(
                Locale.ROOT,
                "     - link %,d conversations to their store's instance and assign %,d messages,%n",
                counts.conversations(),
                counts.messages());
        out.println("     - map the statuses and roles (below); a handed-off conversation gets a human owner,");
        out.println("     - keep each month's conversations as usage history (never invoiced: billing starts now),");
        out.println("     - issue one live and one test API key (shown once, at the end),");
        out.println("     - check every store, conversation and message before committing;");
        out.println("  3. apply the remaining schema changes (organization columns required).");
        out.println("It all runs in one transaction: a failure or a killed process leaves the database as it was.");
        out.println("Back it up first (pg_dump) all the same.");
        out.flush();
    }

    /** Every status and role found, with its count and mapping; answers whether some have none. */
    private static boolean printVocabulary(PrintStream out, DatabaseState state, Vocabulary vocabulary) {
        boolean unknown = false;
        out.println("Conversation statuses (found -> platform):");
        for (var e : state.statuses().entrySet()) {
            String to = vocabulary.status(e.getKey()).orElse("???");
            unknown |= to.equals("???");
            out.printf(
                    Locale.ROOT,
                    "  %-16s %,12d  -> %s%s%n",
                    e.getKey(),
                    e.getValue(),
                    to,
                    to.equals("handed_off") ? " (owner: human)" : "");
        }
        out.println("Message roles (found -> platform):");
        for (var e : state.roles().entrySet()) {
            String to = vocabulary.role(e.getKey()).orElse("???");
            unknown |= to.equals("???");
            out.printf(Locale.ROOT, "  %-16s %,12d  -> %s%n", e.getKey(), e.getValue(), to);
        }
        out.flush();
        return unknown;
    }

    private static boolean confirmed(PrintStream out, String question) {
        return Confirmation.confirmed(out, question);
    }

    private static void printResult(PrintStream out, MigrationResult r, double seconds) {
        LegacyCounts c = r.counts();
        out.printf(Locale.ROOT, "Migrated in %.1f s (%,.0f rows/s).%n", seconds, c.total() / Math.max(seconds, 1e-3));
        out.println("  organization:     " + r.organizationName() + " (enterprise), id " + r.organizationId());
        out.printf(Locale.ROOT, "  stores assigned:  %,d%n", c.stores());
        out.printf(Locale.ROOT, "  widget keys:      %,d agent instances, one per store%n", r.agentInstances());
        out.printf(Locale.ROOT, "  conversations:    %,d linked to their store's instance%n", c.conversations());
        out.printf(Locale.ROOT, "  messages:         %,d assigned%n", c.messages());
        out.printf(
                Locale.ROOT,
                "  usage months:     %,d kept as history (not billed; billing starts now)%n",
                r.usageMonths());
        out.println();
        out.println("Save these API keys now: they are stored hashed and are never shown again.");
        out.println("  live key: " + r.liveKey().secret());
        out.println("  test key: " + r.testKey().secret());
        out.println();
        out.println(
                "Check (as the platform role or a superuser; the schema owner sees no rows under row-level security):");
        out.println("  SELECT id, name, tier FROM organizations;");
        out.println("  SELECT s.name, i.id, i.public_key FROM agent_instances i JOIN stores s ON s.id = i.store_id;");
        out.println("  SELECT count(*) FROM conversations WHERE agent_instance_id IS NOT NULL;");
        out.println("  curl -H 'Authorization: Bearer <live key>' <base url>/v1/organization");
        out.flush();
    }
}
