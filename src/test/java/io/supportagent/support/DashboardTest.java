package io.supportagent.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link IntegrationTest} for members and the dashboard: with people made through invitations ({@link MemberFixtures}),
 * mail caught instead of sent ({@link MailCatcher}) by a worker that polls fast, and the test clock for links that
 * expire. One annotation, so that these classes share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@Import({
    Fixtures.class,
    ApiFixtures.class,
    AgentFixtures.class,
    MemberFixtures.class,
    MailCatcher.class,
    TestClock.class
})
@TestPropertySource(
        properties = {
            "support-agent.members.mail-worker=true",
            "support-agent.members.mail-poll-interval=100ms",
            "support-agent.members.failed-sign-ins-per-account=5"
        })
public @interface DashboardTest {}
