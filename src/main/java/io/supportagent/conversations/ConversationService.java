package io.supportagent.conversations;

import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.usage.UsageService;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The conversations module's API, always for the tenant and mode in context. */
@Service
public class ConversationService {

    private final Conversations conversations;
    private final Messages messages;
    private final UsageService usage;
    private final Clock clock;

    ConversationService(Conversations conversations, Messages messages, UsageService usage, Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.usage = usage;
        this.clock = clock;
    }

    /**
     * Starts a conversation; a live one is counted into its organization's billing period in the same transaction
     * (and refused with 402 beyond the organization's usage cap). Counting comes last, so that the counter's row
     * lock is held only for the commit.
     */
    @Transactional
    public Conversation start(StoreId store, AgentInstanceId instance, String customerName, String customerEmail) {
        Tenant tenant = TenantContext.require();
        Conversation conversation = conversations.insert(
                tenant.organizationId(), store, instance, customerName, customerEmail, tenant.livemode());
        if (tenant.livemode()) {
            usage.countConversation(tenant.organizationId(), clock.instant());
        }
        return conversation;
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
}
