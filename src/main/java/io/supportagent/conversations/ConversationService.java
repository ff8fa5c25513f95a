package io.supportagent.conversations;

import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The conversations module's API, always for the tenant and mode in context. */
@Service
public class ConversationService {

    private final Conversations conversations;
    private final Messages messages;

    ConversationService(Conversations conversations, Messages messages) {
        this.conversations = conversations;
        this.messages = messages;
    }

    @Transactional
    public Conversation start(StoreId store, AgentInstanceId instance, String customerName, String customerEmail) {
        Tenant tenant = TenantContext.require();
        return conversations.insert(
                tenant.organizationId(), store, instance, customerName, customerEmail, tenant.livemode());
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

    /**
     * The agent runtime's hand-off, and a human agent's first message: the conversation now belongs to people
     * ({@code owner = human}, status {@code handed_off} unless already resolved) and the AI stays silent in it.
     */
    @Transactional
    public Conversation transferToHuman(ConversationId id) {
        Tenant tenant = TenantContext.require();
        return conversations
                .transferToHuman(tenant.organizationId(), tenant.livemode(), id)
                .orElseThrow(() -> new NotFound("conversation", id));
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
        return messages.insert(tenant.organizationId(), conversation.id(), role, content, citationsJson);
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
}
