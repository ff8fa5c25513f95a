package io.supportagent.cli;

import io.supportagent.platform.CliCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * Parses the command line: nothing or {@code serve} starts the server; any other name runs that command in an
 * application context without a web server and exits with its status.
 */
public final class Cli {

    /** Commands the platform knows, so that a typo is refused before anything starts. */
    static final List<String> COMMANDS =
            List.of("serve", "migrate", "migrate-to-multi-tenant", "billing-run", "create-operator", "remove-operator");

    static final List<String> SCHEMA_COMMANDS = List.of("migrate", "migrate-to-multi-tenant");

    private Cli() {}

    /** What {@link #run} answers when the server was started and keeps running on its own threads. */
    public static final int SERVING = -1;

    public static int run(Class<?> application, String[] args) {
        String command = args.length == 0 || args[0].startsWith("-") ? "serve" : args[0];
        String[] rest = args.length == 0 || args[0].startsWith("-") ? args : Arrays.copyOfRange(args, 1, args.length);
        if (command.equals("help") || command.equals("--help")) {
            System.out.println("usage: support-agent [" + String.join("|", COMMANDS) + "] [options]");
            return 0;
        }
        if (!COMMANDS.contains(command)) {
            System.err.println("error: unknown command '" + command + "'; known: " + String.join(", ", COMMANDS));
            return 2;
        }
        try {
            if (command.equals("serve")) {
                new SpringApplicationBuilder(application).run(withDatabaseUrlAsProperty(rest));
                return SERVING;
            }
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                    .web(WebApplicationType.NONE)
                    .bannerMode(Banner.Mode.OFF)
                    .properties(Map.of("spring.main.log-startup-info", "false"))
                    .run(springArguments(command, rest))) {
                CliCommand bean = context.getBeansOfType(CliCommand.class).values().stream()
                        .filter(c -> c.name().equals(command))
                        .findFirst()
                        .orElse(null);
                if (bean == null) {
                    System.err.println("error: command '" + command + "' is not available in this build");
                    return 2;
                }
                return new CommandLine(bean).execute(commandArguments(rest));
            }
        } catch (RuntimeException e) {
            // The failure reporter has already printed the one line that explains it.
            return 1;
        }
    }

    /**
     * What the command itself parses: not the options Spring already took ({@code --database-url} is every
     * command's, read before start-up; a command may still declare it for its help).
     */
    static String[] commandArguments(String[] rest) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < rest.length; i++) {
            if (rest[i].equals("--database-url")) {
                i++; // and its value
            } else if (!rest[i].startsWith("--database-url=")
                    && !rest[i].startsWith("--spring.")
                    && !rest[i].startsWith("--support-agent.")) {
                args.add(rest[i]);
            }
        }
        return args.toArray(String[]::new);
    }

    /** The arguments, with {@code --database-url} turned into the property it stands for; the rest as they are. */
    static String[] withDatabaseUrlAsProperty(String[] rest) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < rest.length; i++) {
            if (rest[i].equals("--database-url") && i + 1 < rest.length) {
                args.add("--support-agent.database.url=" + rest[++i]);
            } else if (rest[i].startsWith("--database-url=")) {
                args.add("--support-agent.database.url=" + rest[i].substring("--database-url=".length()));
            } else {
                args.add(rest[i]);
            }
        }
        return args.toArray(String[]::new);
    }

    /**
     * Spring sees only {@code --spring...} style options, {@code --database-url} (which overrides
     * {@code DATABASE_URL} for this command), the command's name and whether start-up migrates the schema (commands
     * that change the schema do it themselves, under their own control); picocli gets the command's own options.
     * Command-line arguments outrank the environment and application.yml.
     */
    static String[] springArguments(String command, String[] rest) {
        List<String> args = new ArrayList<>();
        for (String arg : withDatabaseUrlAsProperty(rest)) {
            if (arg.startsWith("--spring.") || arg.startsWith("--support-agent.")) {
                args.add(arg);
            }
        }
        args.add("--support-agent.command=" + command);
        args.add("--support-agent.database.migrate-on-start=" + !SCHEMA_COMMANDS.contains(command));
        return args.toArray(String[]::new);
    }
}
