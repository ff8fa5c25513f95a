package io.supportagent.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points the application at this JVM's test database unless a test chose another. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String configured = context.getEnvironment().getProperty("support-agent.database.url");
        if (configured == null || configured.isBlank()) {
            TestPropertyValues.of("support-agent.database.url=" + TestDatabase.url())
                    .applyTo(context);
        }
    }
}
