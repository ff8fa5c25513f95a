package io.supportagent.members;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import picocli.CommandLine;

/** A command run as the command line runs it (picocli parses the arguments into the Spring bean), its output caught. */
record CommandRun(int exitCode, String out, String err) {

    /**
     * Runs {@code command} with {@code args}; {@code streams} gives it the output and error streams to write to (and
     * resets what a previous run's parsing left).
     */
    static CommandRun of(Object command, BiConsumer<PrintStream, PrintStream> streams, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        synchronized (command) {
            streams.accept(
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(command).execute(args);
            return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
