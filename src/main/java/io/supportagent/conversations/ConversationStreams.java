package io.supportagent.conversations;

import io.supportagent.platform.ConversationId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.changes.Change;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent event streams of this node that watch conversations: each open inbox watches its organization and mode,
 * each open widget its conversation. A change travels between nodes as every change does
 * ({@code ChangeNotifications#broadcast}: PostgreSQL NOTIFY or Redis), and each node pushes it to its own streams. A
 * stream carries only what happened and the conversation's id: the page asks for what it shows, with its own
 * rights.
 *
 * <p>The thread that hears a change (the one listening connection, or Redis's event loop) only queues it on each
 * stream ({@link EventStream}); each stream's own writer writes it, so a client that stops reading delays nobody
 * else. Every {@link #HEARTBEAT} each stream gets a comment line, which keeps proxies from closing an idle stream. At
 * its timeout ({@link InboxSettings#streamTimeout}, 30 minutes) a stream ends cleanly and the client reconnects (after
 * {@link #RECONNECT}), asking for everything once more.
 */
@Component
public class ConversationStreams {

    static final Duration HEARTBEAT = Duration.ofSeconds(25);
    static final Duration RECONNECT = Duration.ofSeconds(1);

    private record InboxKey(OrganizationId organization, boolean livemode) {}

    private record ConversationKey(OrganizationId organization, ConversationId conversation) {}

    private final Map<InboxKey, Set<EventStream>> inboxes = new ConcurrentHashMap<>();
    private final Map<ConversationKey, Set<EventStream>> conversations = new ConcurrentHashMap<>();
    private final ExecutorService writers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("conversation-stream-", 0).factory());
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("conversation-stream-heartbeat").factory());

    private final Duration timeout;

    ConversationStreams(InboxSettings settings) {
        this.timeout = settings.streamTimeout();
        heartbeats.scheduleWithFixedDelay(
                this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A stream of the organization's inbox in one mode: {@code event: conversation}, data {@code {id, what}}. */
    public SseEmitter inbox(OrganizationId organization, boolean livemode) {
        return register(inboxes, new InboxKey(organization, livemode));
    }

    /** A stream of one conversation: {@code event: conversation}, data {@code {id, what}}. */
    public SseEmitter conversation(OrganizationId organization, ConversationId conversation) {
        return register(conversations, new ConversationKey(organization, conversation));
    }

    /** How many streams this node holds open (for the benchmark, the tests and the logs). */
    public int open() {
        return inboxes.values().stream().mapToInt(Set::size).sum()
                + conversations.values().stream().mapToInt(Set::size).sum();
    }

    private <K> SseEmitter register(Map<K, Set<EventStream>> streams, K key) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        EventStream stream = new EventStream(
                emitter,
                writers,
                ended -> streams.computeIfPresent(key, (k, s) -> {
                    s.remove(ended);
                    return s.isEmpty() ? null : s;
                }));
        streams.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(stream);
        emitter.onCompletion(stream::markEnded);
        emitter.onError(e -> stream.markEnded());
        // Completing here ends the response cleanly (its last chunk); left alone, Spring would answer the timeout
        // with an error on a response that has long begun, and the client would see the connection cut.
        emitter.onTimeout(() -> {
            stream.markEnded();
            emitter.complete();
        });
        try {
            // At once, so that the client knows it is connected (and proxies pass the headers on); the page asks for
            // everything on it, so nothing missed while it reconnected stays missed.
            emitter.send(SseEmitter.event()
                    .name("ready")
                    .reconnectTime(RECONNECT.toMillis())
                    .data("{}", MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            stream.markEnded(); // gone already; the container ends the request
        }
        return emitter;
    }

    @EventListener
    void on(Change.Conversation change) {
        String data = "{\"id\":\"" + change.conversation() + "\",\"what\":\"" + change.what() + "\"}";
        offer(inboxes.get(new InboxKey(change.organization(), change.livemode())), data);
        offer(conversations.get(new ConversationKey(change.organization(), change.conversation())), data);
    }

    /** Tells the organization's open inboxes in one mode that who is in a conversation changed: {@code presence}. */
    void presence(OrganizationId organization, boolean livemode, ConversationId conversation) {
        Set<EventStream> streams = inboxes.get(new InboxKey(organization, livemode));
        if (streams != null) {
            String data = "{\"id\":\"" + conversation + "\",\"what\":\"presence\"}";
            streams.forEach(s -> s.offer("presence", data));
        }
    }

    /**
     * Tells the conversation's open widget that a person is writing a reply to the shopper: {@code typing}, with
     * whether it is the conversation's assignee (the widget knows their name).
     */
    void typing(OrganizationId organization, ConversationId conversation, boolean assignee) {
        Set<EventStream> streams = conversations.get(new ConversationKey(organization, conversation));
        if (streams != null) {
            String data = "{\"id\":\"" + conversation + "\",\"what\":\"typing\",\"assignee\":" + assignee + "}";
            streams.forEach(s -> s.offer("typing", data));
        }
    }

    private static void offer(Set<EventStream> streams, String data) {
        if (streams != null) {
            streams.forEach(s -> s.offer("conversation", data));
        }
    }

    private void heartbeat() {
        for (Map<?, Set<EventStream>> streams : List.of(inboxes, conversations)) {
            streams.values().forEach(set -> set.forEach(EventStream::heartbeat));
        }
    }

    /** Ends every open stream when the node shuts down, so that a graceful shutdown does not wait for them. */
    @EventListener(ContextClosedEvent.class)
    void close() {
        heartbeats.shutdownNow();
        for (Map<?, Set<EventStream>> streams : List.of(inboxes, conversations)) {
            streams.values().forEach(set -> List.copyOf(set).forEach(EventStream::end));
            streams.clear();
        }
    }
}
