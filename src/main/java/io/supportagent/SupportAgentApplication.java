package io.supportagent;

import io.supportagent.cli.Cli;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The platform's entry point: without arguments it serves; other commands are listed by {@code --help}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SupportAgentApplication {

    public static void main(String[] args) {
        int status = Cli.run(SupportAgentApplication.class, args);
        if (status != Cli.SERVING) {
            System.exit(status);
        }
    }
}
