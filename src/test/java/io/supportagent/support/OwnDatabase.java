package io.supportagent.support;

import java.util.UUID;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Puts a test class's application context on a database of its own ({@code @ContextConfiguration(initializers =
 * OwnDatabase.class)}), for tests whose background workers must not share their rows with other cached contexts: the
 * webhook delivery workers of contexts with other settings (private targets refused, slower polls) would otherwise
 * pick this test's deliveries first. Runs before the shared database's initializer, which then leaves the URL alone.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OwnDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String name =
                "sa_test_own_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestPropertyValues.of("support-agent.database.url=" + TestDatabase.create(name))
                .applyTo(context);
    }
}
