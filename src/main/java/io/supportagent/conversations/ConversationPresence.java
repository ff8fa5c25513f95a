package io.supportagent.conversations;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.MemberAccess;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.changes.Change;
import io.supportagent.platform.changes.ChangeNotifications;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Who of the organization has a conversation open in the inbox right now, and who is writing in it (Zendesk's
 * collision detection): kept in memory on every node for {@link #EXPIRY}, nothing stored. The page says so every few
 * seconds and as its member types ({@link #here}); that travels to every node as a {@link Change.Presence}
 * ({@link ChangeNotifications#signal}), where each node notes it and tells its open inboxes of the organization
 * ({@code presence}), and, for a reply to the shopper only (never a note), the conversation's open widget
 * ({@code typing}).
 */
@Component
public class ConversationPresence {

    /** How long someone counts as there after the page last said so (it says so every 12 s). */
    static final Duration EXPIRY = Duration.ofSeconds(30);

    /** How long someone counts as writing after their last keystroke the page reported. */
    static final Duration WRITING = Duration.ofSeconds(6);

    private static final List<String> STATES = List.of("viewing", "reply", "note", "left");

    /** Someone in a conversation, as the inbox shows them. {@code writing} is {@code reply}, {@code note} or null. */
    public record Present(AccountId account, String writing) {}

    private record Key(OrganizationId organization, ConversationId conversation) {}

    private record Seen(Instant until, String writing, Instant writingUntil) {}

    private final Map<Key, Map<AccountId, Seen>> present = new ConcurrentHashMap<>();
    private final ConversationService service;
    private final ChangeNotifications changes;
    private final ConversationStreams streams;
    private final Clock clock;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("conversation-presence-sweep").factory());

    ConversationPresence(
            ConversationService service, ChangeNotifications changes, ConversationStreams streams, Clock clock) {
        this.service = service;
        this.changes = changes;
        this.streams = streams;
        this.clock = clock;
        sweeper.scheduleWithFixedDelay(this::sweep, 60, 60, TimeUnit.SECONDS);
    }

    /**
     * {@code me} has the conversation open ({@code viewing}), is writing a reply or a note, or left it: told to every
     * node. Answers who else is there. 404 for an unknown conversation or another tenant's (or mode's); 400 for
     * another state.
     */
    @MemberAccess.Support
    public List<Present> here(ConversationId id, AccountId me, String state) {
        if (!STATES.contains(state)) {
            throw new InvalidRequest(
                    "Say viewing, reply, note or left.", Map.of("state", "viewing, reply, note or left"));
        }
        Conversation conversation = service.conversation(id);
        String said = state;
        if ("reply".equals(state)) {
            boolean assignee = conversation.assignee() != null
                    && conversation.assignee().accountId().equals(me);
            // A resolved conversation has no open widget waiting for a reply: writing, but nothing for the shopper.
            said = "resolved".equals(conversation.status()) ? "reply_resolved" : assignee ? "reply_assignee" : "reply";
        }
        changes.signal(new Change.Presence(conversation.organizationId(), id, conversation.livemode(), me, said));
        return others(conversation.organizationId(), id, me);
    }

    /** Who else is in the conversation, longest there first; 404 as {@link #here}. */
    @MemberAccess.Support
    public List<Present> others(ConversationId id, AccountId me) {
        Conversation conversation = service.conversation(id);
        return others(conversation.organizationId(), id, me);
    }

    private List<Present> others(OrganizationId organization, ConversationId id, AccountId me) {
        Instant now = clock.instant();
        Map<AccountId, Seen> here = present.getOrDefault(new Key(organization, id), Map.of());
        return here.entrySet().stream()
                .filter(e -> !e.getKey().equals(me) && e.getValue().until().isAfter(now))
                .sorted(Comparator.comparing(e -> e.getKey().value()))
                .map(e -> new Present(
                        e.getKey(),
                        e.getValue().writingUntil().isAfter(now) ? e.getValue().writing() : null))
                .toList();
    }

    @EventListener
    void on(Change.Presence change) {
        Instant now = clock.instant();
        Key key = new Key(change.organization(), change.conversation());
        String state = change.state();
        if ("left".equals(state)) {
            present.computeIfPresent(key, (k, m) -> {
                m.remove(change.account());
                return m.isEmpty() ? null : m;
            });
        } else {
            String writing = state.startsWith("reply") ? "reply" : "note".equals(state) ? "note" : null;
            Seen seen = new Seen(now.plus(EXPIRY), writing, writing == null ? now : now.plus(WRITING));
            present.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(change.account(), seen);
        }
        streams.presence(change.organization(), change.livemode(), change.conversation());
        // Only a reply to the shopper: a note is for the team alone, and so is its typing.
        if ("reply".equals(state) || "reply_assignee".equals(state)) {
            streams.typing(change.organization(), change.conversation(), "reply_assignee".equals(state));
        }
    }

    private void sweep() {
        Instant now = clock.instant();
        present.forEach((key, here) -> {
            here.values().removeIf(s -> !s.until().isAfter(now));
            present.computeIfPresent(key, (k, m) -> m.isEmpty() ? null : m);
        });
    }

    @EventListener(ContextClosedEvent.class)
    void close() {
        sweeper.shutdownNow();
    }
}
