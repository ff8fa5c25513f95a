package io.supportagent.cli;

import io.supportagent.platform.CliCommand;
import io.supportagent.platform.Confirmation;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.platform.db.SchemaMigrations;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code migrate}: applies pending schema changes, or rolls back to a tag, without starting the server. A rollback
 * drops tables and columns with their rows, so it asks first (as migrate-to-multi-tenant does), runs in one
 * transaction (a killed rollback changes nothing), and refuses to fold several organizations into the single-tenant
 * layout unless told {@code --force}.
 */
@Component
@Command(
        name = "migrate",
        description = "Apply pending schema changes, or roll back to a tag.",
        mixinStandardHelpOptions = true)
class MigrateCommand implements CliCommand, Callable<Integer> {

    private final SchemaMigrations migrations;
    private final PlatformJdbc platform;

    @Option(
            names = "--rollback-to",
            paramLabel = "TAG",
            description = "Roll back every change after TAG (e.g. single-tenant) instead of applying changes.")
    String rollbackTo;

    @Option(names = "--yes", description = "Do not ask for confirmation before a rollback.")
    boolean yes;

    @Option(
            names = "--force",
            description = "Roll back to single-tenant even when several organizations exist (their stores merge).")
    boolean force;

    MigrateCommand(SchemaMigrations migrations, PlatformJdbc platform) {
        this.migrations = migrations;
        this.platform = platform;
    }

    @Override
    public String name() {
        return "migrate";
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        migrations.releaseStaleLock().ifPresent(released -> out.println("Note: " + released + "."));
        if (rollbackTo == null) {
            migrations.update();
            out.println("The schema is up to date.");
            return 0;
        }
        if (rollbackTo.equals(SchemaMigrations.SINGLE_TENANT)) {
            long organizations = organizations();
            if (organizations > 1 && !force) {
                System.err.println("error: the database holds " + organizations + " organizations; the single-tenant"
                        + " layout has none, so their stores, conversations and messages would be merged into one"
                        + " shop's data: restore a backup instead, or add --force; nothing was changed");
                return 1;
            }
            out.println("Rolling the schema back to single-tenant drops the organizations (" + organizations
                    + "), agent instances, API keys, usage, invoices, knowledge, members and every table and column"
                    + " added since, with their rows; stores, conversations and messages stay.");
        } else {
            out.println("Rolling the schema back to " + rollbackTo
                    + " drops every table and column added after it, with their rows.");
        }
        if (!yes && !Confirmation.confirmed(out, "Roll the schema back to " + rollbackTo + "?")) {
            out.println("Aborted: nothing was changed.");
            return 1;
        }
        migrations.inOneTransaction(session -> {
            session.rollbackToTag(rollbackTo);
            return null;
        });
        out.println("Rolled the schema back to " + rollbackTo + ".");
        return 0;
    }

    /** Organizations in the database (platform role: the owner sees none under row-level security); 0 without the table. */
    private long organizations() {
        boolean exists = platform.jdbc()
                .sql("SELECT to_regclass('organizations') IS NOT NULL")
                .query(Boolean.class)
                .single();
        return exists
                ? platform.jdbc()
                        .sql("SELECT count(*) FROM organizations")
                        .query(Long.class)
                        .single()
                : 0;
    }
}
