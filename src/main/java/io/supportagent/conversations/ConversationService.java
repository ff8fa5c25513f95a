package io.supportagent.conversations;

import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.Conflict;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.changes.Change;
import io.supportagent.platform.changes.ChangeNotifications;
import io.supportagent.usage.CountedConversation;
import io.supportagent.usage.UsageService;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The conversations module's API, always for the tenant and mode in context. */
@Service
public class ConversationService {

    private final Conversations conversations;
    private final Messages messages;
    private final StartableInstances instances;
    private final UsageService usage;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ChangeNotifications changes;
    private final Drafts drafts;

    ConversationService(
            Conversations conversations,
            Messages messages,
            StartableInstances instances,
            UsageService usage,
            Clock clock,
            ApplicationEventPublisher events,
            ChangeNotifications changes,
            Drafts drafts) {
        this.drafts = drafts;
        this.conversations = conversations;
        this.messages = messages;
        this.instances = instances;
        this.usage = usage;
        this.clock = clock;
        this.events = events;
        this.changes = changes;
    }

    /**
     * Tells the people watching the conversation (the inbox, the shopper's open widget), on every node, at commit.
     * Only conversations that people own or just gave back: the AI's own exchanges reach the widget in its answer.
     */
    void broadcast(Conversation conversation, String what) {
        changes.broadcast(new Change.Conversation(
                conversation.organizationId(), conversation.id(), conversation.livemode(), what));
    }

    /** A stored message: announced to webhooks when the shopper may see it, and to watchers of a people's one. */
    Message added(Conversation conversation, Message message) {
        if (message.forShopper()) {
            events.publishEvent(new MessageCreated(conversation, message));
        }
        if ("human".equals(conversation.owner()) || "note".equals(message.role())) {
            broadcast(conversation, "note".equals(message.role()) ? "note" : "message");
        }
        return message;
    }

    /**
     * Starts a conversation with one of the tenant's active agent instances, on that instance's store; a live one is
     * counted into its organization's billing period in the same transaction (and refused with 402 beyond the
     * organization's usage cap). Counting comes last, so that the counter's row lock is held only for the commit.
     * An unknown or foreign instance answers {@code NotFound}, a paused one {@code Conflict}
     * ({@code agent_instance_paused}).
     */
    @Transactional
    public Conversation start(AgentInstanceId instance, String customerName, String customerEmail) {
        return start(instance, Customer.unverified(customerName, customerEmail));
    }

    /** As {@link #start(AgentInstanceId, String, String)}, for a customer whose identity may have been verified. */
    @Transactional
    public Conversation start(AgentInstanceId instance, Customer customer) {
        Tenant tenant = TenantContext.require();
        Conversation conversation = conversations
                .insertWithActiveInstance(tenant.organizationId(), instance, customer, tenant.livemode())
                .orElseThrow(() -> notStartable(instance));
        if (tenant.livemode()) {
            usage.countConversation(new CountedConversation(
                    tenant.organizationId(),
                    conversation.id(),
                    conversation.storeId(),
                    conversation.agentInstanceId(),
                    clock.instant()));
        }
        return conversation;
    }

    /** Why the insert found no active instance: the agents module tells an unknown instance from a paused one. */
    private RuntimeException notStartable(AgentInstanceId instance) {
        instances.requireActive(instance);
        // Paused when the insert ran, active again by now: the start still did not happen.
        return new Conflict("agent_instance_paused", "This agent instance was paused; try again.");
    }

    @Transactional(readOnly = true)
    public Conversation conversation(ConversationId id) {
        Tenant tenant = TenantContext.require();
        return conversations
                .find(tenant.organizationId(), tenant.livemode(), id)
                .orElseThrow(() -> new NotFound("conversation", id));
    }

    @Transactional
    public Message addMessage(ConversationId id, String role, String content, String citationsJson) {
        Tenant tenant = TenantContext.require();
        Conversation conversation = conversation(id);
        return added(conversation, messages.insert(tenant.organizationId(), id, role, content, citationsJson));
    }

    /** The messages of a conversation the caller has just read in this tenant and mode: no second look-up. */
    @Transactional(readOnly = true)
    public List<Message> messagesOf(Conversation conversation) {
        return messages.ofConversation(TenantContext.require().organizationId(), conversation.id());
    }

    @Transactional(readOnly = true)
    public List<Conversation> latestOfStore(StoreId store, int limit) {
        Tenant tenant = TenantContext.require();
        return conversations.latestOfStore(tenant.organizationId(), tenant.livemode(), store, limit);
    }

    /** The tenant's conversations of the caller's mode, newest first. */
    @Transactional(readOnly = true)
    public List<Conversation> conversations(ConversationFilter filter, int limit, ConversationId startingAfter) {
        Tenant tenant = TenantContext.require();
        return conversations.page(tenant.organizationId(), tenant.livemode(), filter, limit, startingAfter);
    }

    /**
     * Hands the conversation to a human agent (status {@code handed_off}, owner {@code human}). Doing it again
     * changes nothing; a resolved conversation cannot be handed off (409 {@code conversation_resolved}).
     */
    @Transactional
    public Conversation handOff(ConversationId id) {
        Conversation current = conversation(id);
        if ("resolved".equals(current.status())) {
            throw new Conflict("conversation_resolved", "This conversation is resolved; it cannot be handed off.");
        }
        if ("handed_off".equals(current.status())) {
            return current;
        }
        return transferToHuman(id, "handed off through the API");
    }

    private static String note(String reason) {
        String why = reason.strip();
        return "Handed to a person: " + (why.endsWith(".") ? why : why + ".");
    }

    /** Resolves the conversation, asking the shopper for a rating; resolving a resolved one changes nothing. */
    @Transactional
    public Conversation resolve(ConversationId id) {
        return resolve(id, true);
    }

    /**
     * Resolves the conversation; the shopper is asked for a rating only when {@code askRating} (a conversation that
     * was spam, a test, or that the shopper left gets none), and a rating that was not asked for is refused.
     * Resolving a resolved one changes nothing, not even whether a rating is asked for. Every member's unsent draft in
     * it goes.
     */
    @Transactional
    public Conversation resolve(ConversationId id, boolean askRating) {
        Conversation current = conversation(id);
        if ("resolved".equals(current.status())) {
            return current;
        }
        Tenant tenant = TenantContext.require();
        Conversation resolved = conversations
                .resolve(tenant.organizationId(), tenant.livemode(), id, askRating)
                .orElseThrow(() -> new NotFound("conversation", id));
        drafts.deleteAll(tenant.organizationId(), id); // nothing more is sent in it: nobody's unsent text stays
        events.publishEvent(new ConversationResolved(resolved));
        broadcast(resolved, "resolved");
        return resolved;
    }

    /**
     * The agent runtime's hand-off, and a human agent's first message: the conversation now belongs to people
     * ({@code owner = human}, status {@code handed_off} unless already resolved) and the AI stays silent in it. When
     * the AI owned it until now, a {@code system} message records why ({@code reason}), for the people taking over;
     * shoppers never see it.
     */
    @Transactional
    public Conversation transferToHuman(ConversationId id, String reason) {
        Tenant tenant = TenantContext.require();
        Conversations.Transfer transfer = conversations
                .transferToHuman(tenant.organizationId(), tenant.livemode(), id, note(reason))
                .orElseThrow(() -> new NotFound("conversation", id));
        if (transfer.fromAi()) {
            events.publishEvent(new ConversationHandedOff(transfer.conversation(), reason));
            broadcast(transfer.conversation(), "handed_off");
        }
        return transfer.conversation();
    }

    /**
     * Adds a message to a conversation the caller has just read in this tenant and mode (the agent runtime's hot
     * path): no second look-up; row-level security and the (organization, conversation) foreign key still apply.
     */
    @Transactional
    public Message addMessageTo(Conversation conversation, String role, String content, String citationsJson) {
        Tenant tenant = TenantContext.require();
        if (!conversation.organizationId().equals(tenant.organizationId())
                || conversation.livemode() != tenant.livemode()) {
            throw new NotFound("conversation", conversation.id());
        }
        return added(
                conversation,
                messages.insert(tenant.organizationId(), conversation.id(), role, content, citationsJson));
    }

    /** A human agent's message, and the conversation it took over. */
    public record HumanTakeover(Conversation conversation, Message message) {}

    /**
     * A human agent's message to a conversation the caller has just read: added, and the conversation handed to
     * people (as {@link #transferToHuman}), in one transaction.
     */
    @Transactional
    public HumanTakeover addHumanAgentMessage(Conversation conversation, String content) {
        // The takeover first, so that its note comes before the person's message in the conversation.
        Conversation now = transferToHuman(conversation.id(), "a person from the team replied");
        return new HumanTakeover(
                now, added(now, messages.insertHumanReply(now.organizationId(), now.id(), content, null)));
    }

    /** The latest {@code limit} messages, oldest first, of a conversation the caller has just read. */
    @Transactional(readOnly = true)
    public List<Message> latestMessages(Conversation conversation, int limit) {
        Tenant tenant = TenantContext.require();
        if (!conversation.organizationId().equals(tenant.organizationId())) {
            throw new NotFound("conversation", conversation.id());
        }
        return messages.latest(tenant.organizationId(), conversation.id(), limit);
    }

    /**
     * How many conversations of the caller's mode started on each day of {@code [from, to)}, days counted in
     * {@code zone} (the billing time zone, for the dashboard's chart of the month); days without any are absent.
     */
    @Transactional(readOnly = true)
    public java.util.Map<java.time.LocalDate, Integer> countsByDay(
            java.time.Instant from, java.time.Instant to, java.time.ZoneId zone) {
        Tenant tenant = TenantContext.require();
        return conversations.countsByDay(tenant.organizationId(), tenant.livemode(), from, to, zone);
    }

    /**
     * The shopper's 1–5 rating of a resolved conversation, with an optional comment (at most 2,000 characters), once:
     * 409 {@code conversation_not_resolved} before resolution, {@code already_rated} after a rating,
     * {@code rating_not_requested} when it was resolved without asking for one.
     */
    @Transactional
    public Conversation rate(Conversation conversation, int rating, String comment) {
        if (rating < 1 || rating > 5) {
            throw new InvalidRequest("'rating' is 1 to 5.", java.util.Map.of("rating", "an integer from 1 to 5"));
        }
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (text != null && text.codePointCount(0, text.length()) > 2000) {
            throw new InvalidRequest(
                    "'comment' is at most 2000 characters.", java.util.Map.of("comment", "at most 2000 characters"));
        }
        Tenant tenant = TenantContext.require();
        Conversation rated = conversations
                .rate(tenant.organizationId(), conversation.id(), rating, text)
                .orElseThrow(() -> refusedRating(conversation(conversation.id())));
        broadcast(rated, "rated");
        return rated;
    }

    private static Conflict refusedRating(Conversation now) {
        if (!"resolved".equals(now.status())) {
            return new Conflict("conversation_not_resolved", "A conversation is rated once it is resolved.");
        }
        if (now.rating() != null) {
            return new Conflict("already_rated", "This conversation has been rated already.");
        }
        return new Conflict("rating_not_requested", "No rating was asked for in this conversation.");
    }

    /** Support analytics of the caller's mode, conversations started in {@code [from, to)}. */
    @Transactional(readOnly = true)
    public SupportAnalytics analytics(java.time.Instant from, java.time.Instant to) {
        if (!from.isBefore(to)) {
            throw new InvalidRequest(
                    "The period is empty: its start must come before its end.",
                    java.util.Map.of("created[gte]", "before created[lt]"));
        }
        Tenant tenant = TenantContext.require();
        return conversations.analytics(tenant.organizationId(), tenant.livemode(), from, to);
    }

    /**
     * Keeps, on an AI reply just stored, the numbers of the orders it looked up, for the team beside the transcript.
     * Order numbers are 1–64 of {@code A-Z a-z 0-9 . _ -}; anything else is left out.
     */
    @Transactional
    public void recordOrdersUsed(Message reply, List<String> orderNumbers) {
        List<String> numbers = orderNumbers.stream()
                .filter(n -> n != null && n.matches("[A-Za-z0-9._-]{1,64}"))
                .distinct()
                .toList();
        if (!numbers.isEmpty()) {
            messages.recordOrders(TenantContext.require().organizationId(), reply.id(), numbers);
        }
    }
}
