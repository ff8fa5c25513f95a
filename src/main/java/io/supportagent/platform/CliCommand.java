package io.supportagent.platform;

/**
 * A command-line entry point that a module offers besides {@code serve}, such as a billing run. Implementations
 * are picocli {@code @Command}s and Spring beans; the command line runs the one whose name was given.
 */
public interface CliCommand {

    /** The name on the command line, as {@code migrate-to-multi-tenant}. */
    String name();
}
