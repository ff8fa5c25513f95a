package io.supportagent.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.supportagent.conversations.ConversationStreams;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.changes.Change;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.MemberFixtures;
import io.supportagent.support.SseClient;
import io.supportagent.tenancy.Tier;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The inbox's event streams over real sockets through the dashboard's chain. A client that stops reading (its
 * socket's buffers full, so that a write to it blocks) delays no other client of the same inbox: the thread that
 * hears changes (here the test, publishing them as the listening connection does) only queues them, the live client
 * gets every event within a second all along, and the stalled stream is let go once it is too far behind.
 */
@DashboardTest
class ConversationStreamsTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    ConversationStreams streams;

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void aClientThatStopsReadingDelaysNoOtherAndIsLetGo() throws Exception {
        OrganizationId org = fixtures.organization(Tier.PRO).organization().id();
        var member = DashboardSession.signedIn(port, people.join(org, MemberRole.AGENT));
        String path = "/app/" + org + "/live/inbox/events";
        int before = streams.open();

        // A client with a tiny receive window that never reads a byte after its request.
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream out = stalled.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/event-stream\r\n"
                            + "Cookie: SESSION=" + member.sessionCookie() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (SseClient live = SseClient.open(
                    "http://127.0.0.1:" + port + path, Map.of("Cookie", "SESSION=" + member.sessionCookie()))) {
                assertThat(live.status()).isEqualTo(200);
                assertThat(live.next(e -> e.name().equals("ready"), Duration.ofSeconds(5)))
                        .isNotNull();
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> streams.open() == before + 2);

                // Batches of changes until the stalled stream is let go (its buffers, megabytes on loopback, full),
                // each batch queued at once and read by the live client within a second.
                int sent = 0;
                int batch = 200;
                while (streams.open() > before + 1) {
                    if (sent > 200_000) {
                        fail("the stalled stream was never let go (%d events)", sent);
                    }
                    CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                        for (int i = 0; i < batch; i++) {
                            events.publishEvent(
                                    new Change.Conversation(org, new ConversationId(UUID.randomUUID()), true, "note"));
                        }
                    });
                    try {
                        publishing.get(1, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        fail("publishing %d changes waited for a client after %d events", batch, sent);
                    }
                    sent += batch;
                    int expected = sent;
                    Awaitility.await()
                            .atMost(Duration.ofSeconds(1))
                            .pollInterval(Duration.ofMillis(5))
                            .until(() -> live.received() - 1 >= expected); // its "ready" counted too
                }
                assertThat(sent).as("the stalled client's buffers were full").isGreaterThan(256);

                // The live stream goes on.
                String id = UUID.randomUUID().toString();
                events.publishEvent(
                        new Change.Conversation(org, new ConversationId(UUID.fromString(id)), true, "assigned"));
                assertThat(live.next(e -> e.data().contains(id), Duration.ofSeconds(1)))
                        .isNotNull();
                assertThat(live.ended()).isFalse();
            }
        }
        // Both clients gone: the next writes to them fail, and their streams are forgotten (an idle one at its next
        // heartbeat).
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            events.publishEvent(new Change.Conversation(org, new ConversationId(UUID.randomUUID()), true, "note"));
            return streams.open() == before;
        });
    }
}
