package io.supportagent.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.agents.AgentService;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.TenantContext;
import io.supportagent.support.Fixtures;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.MemberFixtures;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Benchmark, not a test (its name keeps it out of the build's test run): {@code bench/inbox/run.sh}. Starts the
 * application on one node, makes an organization with a store, an agent instance and an owner, and runs
 * {@code bench/inbox/InboxLoad.java} against it as a separate process (its own JVM, as a client would be); its report
 * is in {@code target/inbox-bench.out}, its stream errors in {@code target/inbox-bench.err}.
 */
@IntegrationTest
@Import({Fixtures.class, MemberFixtures.class})
@TestPropertySource(
        properties = {
            "support-agent.rate-limit.enabled=false",
            "support-agent.database.pool-size=10",
            "support-agent.members.mail-worker=false"
        })
class InboxBench {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    TenancyService tenancy;

    @Autowired
    AgentService agents;

    @Test
    void run() throws Exception {
        var org = fixtures.organization(Tier.ENTERPRISE);
        String key = TenantContext.callAs(org.live(), () -> {
            var store = tenancy.createStore("Bench", "bench.example", List.of("http://bench.example"));
            return agents.deploy(store.id(), agents.customerServiceV1().id(), "Bench", "{}")
                    .publicKey();
        });
        var owner = people.join(org.organization().id(), MemberRole.OWNER);
        String inboxes = System.getProperty("inboxes", "100");
        String widgets = System.getProperty("widgets", "500");
        Process driver = new ProcessBuilder(
                        System.getProperty("java.home") + "/bin/java",
                        "bench/inbox/InboxLoad.java",
                        "http://127.0.0.1:" + port,
                        key,
                        owner.email(),
                        owner.password(),
                        org.organization().id().toString(),
                        inboxes,
                        widgets,
                        System.getProperty("handoffs", "50"),
                        System.getProperty("replies", "100"))
                // To files: a child writing to the test JVM's own stdout would corrupt surefire's channel.
                .redirectOutput(new java.io.File("target/inbox-bench.out"))
                .redirectError(new java.io.File("target/inbox-bench.err"))
                .start();
        assertThat(driver.waitFor()).isZero();
    }
}
