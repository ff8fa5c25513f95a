package io.supportagent.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link IntegrationTest} for usage, billing and webhooks: with the test clock, a storefront, people who sign in to
 * the dashboard, and webhook deliveries retried fast to receivers on 127.0.0.1 (private targets allowed, which the
 * hosted default refuses). One annotation, so that all these classes share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@Import({Fixtures.class, Storefront.class, TestClock.class, MemberFixtures.class})
@TestPropertySource(
        properties = {
            "support-agent.webhooks.retry-delays=300ms",
            "support-agent.webhooks.poll-interval=100ms",
            "support-agent.webhooks.allow-private-targets=true"
        })
public @interface MeteringIntegrationTest {}
