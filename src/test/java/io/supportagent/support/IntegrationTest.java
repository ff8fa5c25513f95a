package io.supportagent.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a real PostgreSQL (see {@link TestDatabase}) with a real HTTP server on a random port.
 * Contexts are shared between test classes, so tests make their own organizations and never assume an empty
 * database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "support-agent.demo.enabled=false",
            "support-agent.api-keys.bcrypt-cost=4",
            "support-agent.database.pool-size=4"
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
public @interface IntegrationTest {}
