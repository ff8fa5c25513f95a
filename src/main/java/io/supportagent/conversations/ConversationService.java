package io.supportagent.conversations;

import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.Conflict;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.usage.UsageService;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The conversations module's API, always for the tenant and mode in context. */
@Service
public class ConversationService {

    private final Conversations conversations;
    private final Messages messages;
    private final UsageService usage;

    ConversationService(Conversations conversations, Messages messages, UsageService usage) {
        this.conversations = conversations;
        this.messages = messages;
        this.usage = usage;
    }

    /** Starts a conversation; a live one is counted into the organization's usage in the same transaction. */
    @Transactional
    public Conversation start(StoreId store, AgentInstanceId instance, String customerName, String customerEmail) {
        Tenant tenant = TenantContext.require();
        Conversation started = conversations.insert(
                tenant.organizationId(), store, instance, customerName, customerEmail, tenant.livemode());
        if (started.livemode()) {
            usage.countConversation(tenant.organizationId(), started.createdAt());
        }
        return started;
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
        conversation(id);
        return messages.insert(tenant.organizationId(), id, role, content, citationsJson);
    }

    @Transactional(readOnly = true)
    public List<Message> messages(ConversationId id) {
        conversation(id);
        return messages.ofConversation(TenantContext.require().organizationId(), id);
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
        Tenant tenant = TenantContext.require();
        return conversations
                .moveTo(tenant.organizationId(), tenant.livemode(), id, "handed_off", "human")
                .orElseThrow(() -> new NotFound("conversation", id));
    }

    /** Resolves the conversation; resolving a resolved one changes nothing. */
    @Transactional
    public Conversation resolve(ConversationId id) {
        Conversation current = conversation(id);
        if ("resolved".equals(current.status())) {
            return current;
        }
        Tenant tenant = TenantContext.require();
        return conversations
                .moveTo(tenant.organizationId(), tenant.livemode(), id, "resolved", null)
                .orElseThrow(() -> new NotFound("conversation", id));
    }
}
