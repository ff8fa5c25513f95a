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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 */
@Component
public class ConversationStreams {

    private static final Logger log = LoggerFactory.getLogger(ConversationStreams.class);
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private record InboxKey(OrganizationId organization, boolean livemode) {}

    private record ConversationKey(OrganizationId organization, ConversationId conversation) {}

    private final Map<InboxKey, Set<SseEmitter>> inboxes = new ConcurrentHashMap<>();
    private final Map<ConversationKey, Set<SseEmitter>> conversations = new ConcurrentHashMap<>();

    /** A stream of the organization's inbox in one mode: {@code event: conversation}, data {@code {id, what}}. */
    public SseEmitter inbox(OrganizationId organization, boolean livemode) {
        return register(inboxes, new InboxKey(organization, livemode));
    }

    /** A stream of one conversation: {@code event: conversation}, data {@code {id, what}}. */
    public SseEmitter conversation(OrganizationId organization, ConversationId conversation) {
        return register(conversations, new ConversationKey(organization, conversation));
    }

    /** How many streams this node holds open (for the benchmark and the logs). */
    public int open() {
        return inboxes.values().stream().mapToInt(Set::size).sum()
                + conversations.values().stream().mapToInt(Set::size).sum();
    }

    private <K> SseEmitter register(Map<K, Set<SseEmitter>> streams, K key) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        Set<SseEmitter> set = streams.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
        set.add(emitter);
        Runnable remove = () -> streams.computeIfPresent(key, (k, s) -> {
            s.remove(emitter);
            return s.isEmpty() ? null : s;
        });
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        try {
            // At once, so that the client knows it is connected (and proxies pass the headers on).
            emitter.send(SseEmitter.event().name("ready").data("{}", MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            remove.run();
        }
        return emitter;
    }

    @EventListener
    void on(Change.Conversation change) {
        String data = "{\"id\":\"" + change.conversation() + "\",\"what\":\"" + change.what() + "\"}";
        send(inboxes.get(new InboxKey(change.organization(), change.livemode())), data);
        send(conversations.get(new ConversationKey(change.organization(), change.conversation())), data);
    }

    /** Ends every open stream when the node shuts down, so that a graceful shutdown does not wait for them. */
    @EventListener(org.springframework.context.event.ContextClosedEvent.class)
    void close() {
        for (Map<?, Set<SseEmitter>> streams : List.of(inboxes, conversations)) {
            streams.values().forEach(set -> set.forEach(SseEmitter::complete));
            streams.clear();
        }
    }

    private static void send(Set<SseEmitter> emitters, String data) {
        if (emitters == null) {
            return;
        }
        for (SseEmitter emitter : emitters) {
            try {
                emitter.send(SseEmitter.event().name("conversation").data(data, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                log.debug("A conversation stream went away: {}", e.toString());
                emitter.completeWithError(e);
            }
        }
    }
}
