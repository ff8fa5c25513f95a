package io.supportagent.agents;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.supportagent.conversations.Conversation;
import io.supportagent.conversations.ConversationService;
import io.supportagent.conversations.Message;
import io.supportagent.knowledge.KnowledgeService;
import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.Conflict;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.changes.Change;
import io.supportagent.platform.changes.ChangesMissed;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/**
 * The agent runtime: takes a message into a conversation and, for a customer's message, answers it. The message is
 * stored first, in its own transaction, so that nothing the model does can lose it; a model error or timeout answers
 * the shopper gracefully and hands the conversation to people. Once people own a conversation the AI is silent.
 */
@Service
public class SupportAgent {

    public static final int MAX_CONTENT = 8000;
    static final String GRACEFUL = "Sorry, I can't answer right now. A person from our team will get back to you here.";
    static final String TO_A_PERSON = Replies.EN.toPerson();

    private static final Logger log = LoggerFactory.getLogger(SupportAgent.class);

    private final ConversationService conversations;
    private final AgentService agents;
    private final KnowledgeService knowledge;
    private final ModelProvider provider;
    private final AiSettings settings;
    private final ObjectMapper json;

    /**
     * Profiles change rarely (a config PATCH, a version upgrade, a pause): cached, they save a transaction per reply.
     * A change applies to the next reply, on every node (change notifications); the expiry is only the safety net
     * behind a missed notification.
     */
    private final Cache<AgentInstanceId, AgentProfile> profiles = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(5))
            .build();

    SupportAgent(
            ConversationService conversations,
            AgentService agents,
            KnowledgeService knowledge,
            ModelProvider provider,
            AiSettings settings,
            ObjectMapper json) {
        this.conversations = conversations;
        this.agents = agents;
        this.knowledge = knowledge;
        this.provider = provider;
        this.settings = settings;
        this.json = json;
    }

    /** The instance changed (paused, reconfigured, moved to another version), on this node or another. */
    @EventListener
    void on(Change.AgentInstance changed) {
        profiles.invalidate(changed.instance());
    }

    @EventListener
    void on(ChangesMissed missed) {
        profiles.invalidateAll();
    }

    /**
     * Adds a message by {@code customer} or {@code human_agent} and, for a customer, lets the agent answer. Events go
     * to {@code events} as they happen (for streaming); the last one is {@link ReplyEvent.Done}.
     */
    public ReplyEvent.Done converse(ConversationId id, String role, String content, Consumer<ReplyEvent> events) {
        validate(role, content);
        return converse(conversations.conversation(id), role, content, events);
    }

    private static void validate(String role, String content) {
        if (!"customer".equals(role) && !"human_agent".equals(role)) {
            throw new InvalidRequest("'role' is customer or human_agent.", Map.of("role", "customer or human_agent"));
        }
        if (content == null || content.isBlank() || content.codePointCount(0, content.length()) > MAX_CONTENT) {
            throw new InvalidRequest(
                    "'content' is 1 to " + MAX_CONTENT + " characters.", Map.of("content", "1 to 8000 characters"));
        }
    }

    /** As {@link #converse(ConversationId, String, String, Consumer)}, for a conversation the caller just read. */
    public ReplyEvent.Done converse(
            Conversation conversation, String role, String content, Consumer<ReplyEvent> events) {
        validate(role, content);
        if ("resolved".equals(conversation.status())) {
            throw new Conflict("conversation_resolved", "This conversation is resolved; start a new one.");
        }
        if ("human_agent".equals(role)) {
            ConversationService.HumanTakeover takeover = conversations.addHumanAgentMessage(conversation, content);
            events.accept(new ReplyEvent.Accepted(conversation, takeover.message()));
            return done(events, takeover.conversation(), takeover.message(), null);
        }
        Message message = conversations.addMessageTo(conversation, role, content, null);
        return respond(conversation, message, events);
    }

    /**
     * Lets the agent answer a customer's message that is already stored (the widget stores a conversation's first
     * message in the transaction that starts it, so that no conversation is counted without one).
     */
    public ReplyEvent.Done respond(Conversation conversation, Message message, Consumer<ReplyEvent> events) {
        events.accept(new ReplyEvent.Accepted(conversation, message));
        String content = message.content();
        ConversationId id = conversation.id();
        if ("human".equals(conversation.owner()) || !"open".equals(conversation.status())) {
            return done(events, conversation, message, null); // people answer this conversation now
        }
        var needsPerson = HandoffIntent.of(content);
        if (needsPerson.isPresent()) {
            // People handle these, whatever the provider: a request for a person, a complaint, a payment dispute,
            // account security, a legal threat, a business request. The reason is recorded on the conversation.
            Replies replies = Replies.of(io.supportagent.knowledge.Language.detect(content));
            String text =
                    needsPerson.get() == HandoffIntent.Reason.PERSON ? replies.toPerson() : replies.toPersonBecause();
            return handOffSaying(events, id, message, text, List.of(), needsPerson.get().note);
        }
        return answer(events, conversation, message);
    }

    private ReplyEvent.Done answer(Consumer<ReplyEvent> events, Conversation conversation, Message message) {
        Tenant tenant = TenantContext.require();
        AgentProfile profile = profiles.get(conversation.agentInstanceId(), agents::profile);
        if (!profile.instance().organizationId().equals(tenant.organizationId())) {
            profile = agents.profile(conversation.agentInstanceId()); // instance ids are unique; never trust a cache
        }
        if (!"active".equals(profile.instance().status())) { // a paused agent does not answer: people do
            Conversation now = conversations.transferToHuman(conversation.id(), "agent paused");
            events.accept(new ReplyEvent.HandedOff("agent paused"));
            return done(events, now, message, null);
        }
        List<Message> history = conversations.latestMessages(conversation, settings.maxHistory());
        AgentTools tools =
                new AgentTools(tenant, conversation.storeId(), knowledge, json, profile.number("min_relevance", 0.1));
        String text;
        try {
            text = provider.reply(
                    new ModelProvider.Turn(profile, conversation, history),
                    tools,
                    piece -> events.accept(new ReplyEvent.Delta(piece)));
            if (text == null || text.isBlank()) {
                throw new IllegalStateException("the model answered nothing");
            }
        } catch (RuntimeException e) {
            log.warn("Model provider failed for conversation {}: {}", conversation.id(), e.toString());
            // Whatever the model streamed so far is withdrawn (clients discard it on Failed): the graceful reply is
            // what the shopper ends up seeing and what is stored, without the citations of the abandoned answer.
            events.accept(new ReplyEvent.Failed("provider_unavailable", "The assistant could not answer."));
            return handOffSaying(events, conversation.id(), message, GRACEFUL, List.of(), "provider error");
        }
        if (tools.handoffReason().isPresent()) {
            return handOff(
                    events,
                    conversation.id(),
                    message,
                    text,
                    tools.citations(),
                    tools.handoffReason().get());
        }
        Message reply = conversations.addMessageTo(conversation, "agent", text, citationsJson(tools.citations()));
        if (!tools.ordersFound().isEmpty()) {
            conversations.recordOrdersUsed(reply, tools.ordersFound());
        }
        tools.citations().forEach(c -> events.accept(new ReplyEvent.Cited(c)));
        return done(events, conversation, message, reply);
    }

    private ReplyEvent.Done handOffSaying(
            Consumer<ReplyEvent> events,
            ConversationId id,
            Message message,
            String text,
            List<Citation> citations,
            String reason) {
        events.accept(new ReplyEvent.Delta(text));
        return handOff(events, id, message, text, citations, reason);
    }

    /** Stores the (already streamed) reply, then gives the conversation to people. */
    private ReplyEvent.Done handOff(
            Consumer<ReplyEvent> events,
            ConversationId id,
            Message message,
            String text,
            List<Citation> citations,
            String reason) {
        Message reply = conversations.addMessage(id, "agent", text, citationsJson(citations));
        citations.forEach(c -> events.accept(new ReplyEvent.Cited(c)));
        Conversation now = conversations.transferToHuman(id, reason);
        events.accept(new ReplyEvent.HandedOff(reason));
        return done(events, now, message, reply);
    }

    private static ReplyEvent.Done done(
            Consumer<ReplyEvent> events, Conversation conversation, Message message, Message reply) {
        ReplyEvent.Done done = new ReplyEvent.Done(conversation, message, reply);
        events.accept(done);
        return done;
    }

    private String citationsJson(List<Citation> citations) {
        return json.writeValueAsString(citations);
    }
}
