package io.supportagent.cli;

import io.supportagent.platform.CliCommand;
import io.supportagent.platform.db.SchemaMigrations;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migrate}: applies pending schema changes, or rolls back to a tag, without starting the server. */
@Component
@Command(
        name = "migrate",
        description = "Apply pending schema changes, or roll back to a tag.",
        mixinStandardHelpOptions = true)
class MigrateCommand implements CliCommand, Callable<Integer> {

    private final SchemaMigrations migrations;

    @Option(
            names = "--rollback-to",
            paramLabel = "TAG",
            description = "Roll back every change after TAG (e.g. single-tenant) instead of applying changes.")
    String rollbackTo;

    MigrateCommand(SchemaMigrations migrations) {
        this.migrations = migrations;
    }

    @Override
    public String name() {
        return "migrate";
    }

    @Override
    public Integer call() {
        if (rollbackTo != null) {
            migrations.rollbackToTag(rollbackTo);
            System.out.println("Rolled the schema back to " + rollbackTo + ".");
        } else {
            migrations.update();
            System.out.println("The schema is up to date.");
        }
        return 0;
    }
}
