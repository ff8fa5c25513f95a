package io.supportagent.conversations;

import io.supportagent.platform.Conflict;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.MemberAccess;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inbox: the people's side of conversations the AI handed off, for members whose role opens it, in the tenant
 * and mode in context. Claiming is one check-and-set in the database, so of two people claiming at once one wins and
 * the other is told who has it. Replying to a conversation nobody has claims it; replying to someone else's is
 * refused (assign it first). Every change is broadcast to the nodes' open inboxes and widgets.
 */
@Service
public class ConversationInbox {

    static final int MAX_CONTENT = 8000;

    private final Conversations conversations;
    private final ConversationReads reads;
    private final Messages messages;
    private final ConversationService service;
    private final SupportPeople people;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Drafts drafts;

    ConversationInbox(
            Conversations conversations,
            ConversationReads reads,
            Messages messages,
            ConversationService service,
            SupportPeople people,
            ApplicationEventPublisher events,
            Clock clock,
            Drafts drafts) {
        this.drafts = drafts;
        this.conversations = conversations;
        this.reads = reads;
        this.messages = messages;
        this.service = service;
        this.people = people;
        this.events = events;
        this.clock = clock;
    }

    /** Conversations waiting for people, longest waiting first, each saying whether {@code me} has seen it. */
    @MemberAccess.Support
    @Transactional(readOnly = true)
    public List<InboxItem> waiting(Teammate me, int limit) {
        Tenant tenant = TenantContext.require();
        return conversations.waiting(tenant.organizationId(), tenant.livemode(), me.accountId(), limit);
    }

    @MemberAccess.Support
    @Transactional(readOnly = true)
    public InboxCounts counts(Teammate me) {
        Tenant tenant = TenantContext.require();
        return conversations.counts(tenant.organizationId(), tenant.livemode(), me.accountId());
    }

    /** The conversation with every message, notes included; 404 for another tenant's, mode's or an unknown one. */
    @MemberAccess.Support
    @Transactional(readOnly = true)
    public Transcript transcript(ConversationId id) {
        Conversation conversation = service.conversation(id);
        List<Message> all = messages.transcript(conversation.organizationId(), id);
        List<String> reasons = all.stream()
                .filter(m -> "system".equals(m.role()) && m.content().startsWith("Handed to a person"))
                .map(Message::content)
                .toList();
        return new Transcript(conversation, all, reasons);
    }

    /**
     * The transcript as {@link #transcript}, shown to {@code me}: the conversation is read for {@code me} up to its
     * newest shopper message in it (for the other members it stays as it was).
     */
    @MemberAccess.Support
    @Transactional
    public Transcript read(ConversationId id, Teammate me) {
        Transcript transcript = transcript(id);
        transcript.messages().stream()
                .filter(m -> "customer".equals(m.role()))
                .map(Message::createdAt)
                .max(java.util.Comparator.naturalOrder())
                .ifPresent(through ->
                        reads.markRead(transcript.conversation().organizationId(), id, me.accountId(), through));
        return transcript;
    }

    /** Takes the conversation for {@code me}; taken by someone else: 409 {@code already_claimed} naming them. */
    @MemberAccess.Support
    @Transactional
    public Conversation claim(ConversationId id, Teammate me) {
        Conversation current = open(id);
        Tenant tenant = TenantContext.require();
        return conversations
                .assign(tenant.organizationId(), tenant.livemode(), id, me, true)
                .map(now -> assigned(current, now))
                .orElseThrow(() -> claimedBySomeoneElse(service.conversation(id)));
    }

    /** Gives the conversation to a member whose role opens the inbox (else 400). */
    @MemberAccess.Support
    @Transactional
    public Conversation assign(ConversationId id, io.supportagent.platform.AccountId to) {
        Conversation current = open(id);
        Teammate assignee = people.supportPerson(to)
                .orElseThrow(() -> new InvalidRequest(
                        "That person cannot take conversations here.",
                        Map.of("assignee", "must be a member whose role opens the inbox")));
        Tenant tenant = TenantContext.require();
        return conversations
                .assign(tenant.organizationId(), tenant.livemode(), id, assignee, false)
                .map(now -> assigned(current, now))
                .orElseThrow(() -> resolved());
    }

    private Conversation assigned(Conversation before, Conversation now) {
        if (before.assignee() == null
                || !before.assignee().accountId().equals(now.assignee().accountId())) {
            events.publishEvent(new ConversationAssigned(now, now.assignee()));
            service.broadcast(now, "assigned");
        }
        return now;
    }

    /**
     * {@code me}'s reply to the shopper: claims the conversation when nobody has it (and takes it from the AI, with
     * the system note), refused when someone else has it.
     */
    @MemberAccess.Support
    @Transactional
    public Message reply(ConversationId id, Teammate me, String content) {
        String text = checked(content);
        Conversation claimed = claim(id, me);
        Conversation now = "human".equals(claimed.owner())
                ? claimed
                : service.transferToHuman(id, "a person from the team replied");
        drafts.delete(now.organizationId(), id, me.accountId()); // sent: the draft has done its work
        return service.added(now, messages.insertHumanReply(now.organizationId(), id, text, me));
    }

    /** An internal note: for the team only; the shopper, the AI and webhooks never see it. */
    @MemberAccess.Support
    @Transactional
    public Message note(ConversationId id, Teammate me, String content) {
        String text = checked(content);
        Conversation conversation = service.conversation(id);
        drafts.delete(conversation.organizationId(), id, me.accountId());
        return service.added(conversation, messages.insert(conversation.organizationId(), id, "note", text, null, me));
    }

    /** {@code me}'s unsent draft in the conversation, if any; 404 for another tenant's, mode's or an unknown one. */
    @MemberAccess.Support
    @Transactional(readOnly = true)
    public Optional<Draft> draft(ConversationId id, Teammate me) {
        Conversation conversation = service.conversation(id);
        return drafts.find(conversation.organizationId(), id, me.accountId());
    }

    /**
     * Keeps what {@code me} is writing in the conversation ({@code mode}: {@code reply} or {@code note}), replacing
     * the draft before; blank text removes it. Only {@code me} ever reads it back. A resolved conversation takes no
     * draft (409: whatever was being written cannot be sent any more), another tenant's or mode's is not found
     * (404), text longer than a message may be, or another mode, is refused (400).
     */
    @MemberAccess.Support
    @Transactional
    public Optional<Draft> saveDraft(ConversationId id, Teammate me, String mode, String content) {
        if (!"reply".equals(mode) && !"note".equals(mode)) {
            throw new InvalidRequest("A draft is a reply or a note.", Map.of("mode", "reply or note"));
        }
        if (content != null && content.codePointCount(0, content.length()) > MAX_CONTENT) {
            throw new InvalidRequest(
                    "A message is 1 to " + MAX_CONTENT + " characters.", Map.of("content", "1 to 8000 characters"));
        }
        Conversation conversation = open(id);
        if (content == null || content.isBlank()) {
            drafts.delete(conversation.organizationId(), id, me.accountId());
            return Optional.empty();
        }
        drafts.save(conversation.organizationId(), id, me.accountId(), mode, content);
        return drafts.find(conversation.organizationId(), id, me.accountId());
    }

    /** Gives the conversation back to the AI, with a system message saying who did. */
    @MemberAccess.Support
    @Transactional
    public Conversation handBack(ConversationId id, Teammate me) {
        return handBack(id, me, null);
    }

    /**
     * As {@link #handBack(ConversationId, Teammate)}, with {@code me}'s note for the team (why, what to know next
     * time), kept as an internal note after the system message: the shopper, the AI and webhooks never see it. A
     * blank note is none; a longer one than a note may be is refused before anything changes.
     */
    @MemberAccess.Support
    @Transactional
    public Conversation handBack(ConversationId id, Teammate me, String note) {
        String text = note == null || note.isBlank() ? null : checked(note);
        Conversation before = open(id);
        Tenant tenant = TenantContext.require();
        Conversation now = conversations
                .handBack(tenant.organizationId(), tenant.livemode(), id)
                .orElseThrow(() -> resolved());
        messages.insert(now.organizationId(), id, "system", "Handed back to the AI by " + me.name() + ".", null, me);
        if (text != null) {
            messages.insert(now.organizationId(), id, "note", text, null, me);
        }
        if (before.assignee() != null) {
            events.publishEvent(new ConversationUnassigned(now, before.assignee(), "handed_back"));
        }
        events.publishEvent(new ConversationHandedBack(now, me));
        service.broadcast(now, "handed_back");
        return now;
    }

    @MemberAccess.Support
    @Transactional
    public Conversation resolve(ConversationId id) {
        return resolve(id, true);
    }

    /** Resolves; the shopper is asked for a rating only when {@code askRating} ({@link ConversationService#resolve}). */
    @MemberAccess.Support
    @Transactional
    public Conversation resolve(ConversationId id, boolean askRating) {
        return service.resolve(id, askRating);
    }

    /**
     * Resolves the conversation and says which to open next: the one after it in the queue's order ({@link
     * #waiting}: longest waiting first), else the first one still waiting (the queue starts again at the top); empty
     * when no one else waits. The queue is the same for every member who may open the inbox, so is this.
     */
    @MemberAccess.Support
    @Transactional
    public Optional<ConversationId> resolveAndNext(ConversationId id) {
        return resolveAndNext(id, true);
    }

    /** As {@link #resolveAndNext(ConversationId)}, asking the shopper for a rating only when {@code askRating}. */
    @MemberAccess.Support
    @Transactional
    public Optional<ConversationId> resolveAndNext(ConversationId id, boolean askRating) {
        Conversation before = service.conversation(id);
        service.resolve(id, askRating);
        Tenant tenant = TenantContext.require();
        return conversations.nextWaiting(tenant.organizationId(), tenant.livemode(), before);
    }

    private Conversation open(ConversationId id) {
        Conversation current = service.conversation(id);
        if ("resolved".equals(current.status())) {
            throw resolved();
        }
        return current;
    }

    private static Conflict resolved() {
        return new Conflict("conversation_resolved", "This conversation is resolved.");
    }

    private Conflict claimedBySomeoneElse(Conversation c) {
        if ("resolved".equals(c.status()) || c.assignee() == null) {
            return resolved();
        }
        long seconds =
                Math.max(0, Duration.between(c.assignedAt(), clock.instant()).toSeconds());
        return new Conflict("already_claimed", "Claimed by " + c.assignee().name() + ", " + ago(seconds) + ".");
    }

    static String ago(long seconds) {
        if (seconds < 60) {
            return seconds + " s ago";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        return seconds / 3600 + " h ago";
    }

    private static String checked(String content) {
        if (content == null || content.isBlank() || content.codePointCount(0, content.length()) > MAX_CONTENT) {
            throw new InvalidRequest(
                    "A message is 1 to " + MAX_CONTENT + " characters.", Map.of("content", "1 to 8000 characters"));
        }
        return content.strip();
    }
}
