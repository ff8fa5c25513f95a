package io.supportagent.cli;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether {@code serve} seeds the demo: as {@code SUPPORT_AGENT_DEMO_ENABLED} says, and when it says nothing, only on
 * the embedded database. A configured {@code DATABASE_URL} is a real deployment, where a demo organization would be
 * billed every month and its keys printed at every start.
 */
class DemoEnabled extends SpringBootCondition {

    static final String PROPERTY = "support-agent.demo.enabled";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        String explicit = environment.getProperty(PROPERTY, "").strip();
        if (!explicit.isEmpty()) {
            return Boolean.parseBoolean(explicit)
                    ? ConditionOutcome.match(PROPERTY + " is true")
                    : ConditionOutcome.noMatch(PROPERTY + " is " + explicit);
        }
        return environment.getProperty("support-agent.database.url", "").isBlank()
                ? ConditionOutcome.match("the database is the embedded one")
                : ConditionOutcome.noMatch("a database is configured and " + PROPERTY + " is not set");
    }
}
