package io.supportagent.cli;

import io.supportagent.platform.OperatorToken;
import java.io.PrintStream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Prints an operator token that {@code serve} made up (none configured) when no demo banner shows it: without it,
 * nobody could call {@code /platform/v1}. A configured token is never printed.
 */
@Component
class GeneratedOperatorTokenNotice {

    private final OperatorToken token;
    private final ObjectProvider<DemoSeeder> demo;
    private final String command;

    GeneratedOperatorTokenNotice(
            OperatorToken token,
            ObjectProvider<DemoSeeder> demo,
            @Value("${support-agent.command:serve}") String command) {
        this.token = token;
        this.demo = demo;
        this.command = command;
    }

    @EventListener(ApplicationReadyEvent.class)
    void printIfNeeded() {
        if (command.equals("serve") && demo.getIfAvailable() == null) {
            print(System.out);
        }
    }

    void print(PrintStream out) {
        if (token.generated()) {
            out.println();
            out.println("  Operator token: " + token.reveal()
                    + "   (generated; set SUPPORT_AGENT_OPERATOR_TOKEN to keep one)");
            out.println();
            out.flush();
        }
    }
}
