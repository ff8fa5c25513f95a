package io.supportagent.webhooks;

import io.supportagent.conversations.Conversation;
import io.supportagent.conversations.ConversationAssigned;
import io.supportagent.conversations.ConversationHandedBack;
import io.supportagent.conversations.ConversationHandedOff;
import io.supportagent.conversations.ConversationResolved;
import io.supportagent.conversations.ConversationUnassigned;
import io.supportagent.conversations.Message;
import io.supportagent.conversations.MessageCreated;
import io.supportagent.conversations.Teammate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Events for helpdesk integrations: {@code conversation.handed_off}, {@code conversation.assigned},
 * {@code conversation.unassigned} (the claim expired, or the conversation went back to the AI),
 * {@code conversation.handed_back} (to the AI), {@code conversation.resolved} and {@code message.created} (messages
 * the shopper sees: never the team's notes or system messages): an integration that mirrors who has a conversation
 * hears every change of it. Each listens synchronously, in the transaction that made the change, so the outbox rows commit
 * or roll back with it; they are signed and retried like every event.
 */
@Component
class ConversationWebhooks {

    static final String HANDED_OFF = "conversation.handed_off";
    static final String ASSIGNED = "conversation.assigned";
    static final String UNASSIGNED = "conversation.unassigned";
    static final String HANDED_BACK = "conversation.handed_back";
    static final String RESOLVED = "conversation.resolved";
    static final String MESSAGE_CREATED = "message.created";

    private final WebhookService webhooks;
    private final EndpointPresence presence;

    ConversationWebhooks(WebhookService webhooks, EndpointPresence presence) {
        this.webhooks = webhooks;
        this.presence = presence;
    }

    @EventListener
    void on(ConversationHandedOff event) {
        Map<String, Object> data = conversation(event.conversation());
        data.put("reason", event.reason());
        publish(event.conversation(), HANDED_OFF, data);
    }

    @EventListener
    void on(ConversationAssigned event) {
        Map<String, Object> data = conversation(event.conversation());
        data.put("assignee", person(event.assignee()));
        publish(event.conversation(), ASSIGNED, data);
    }

    @EventListener
    void on(ConversationUnassigned event) {
        Map<String, Object> data = conversation(event.conversation());
        data.put("previous_assignee", person(event.previous()));
        data.put("reason", event.reason());
        publish(event.conversation(), UNASSIGNED, data);
    }

    @EventListener
    void on(ConversationHandedBack event) {
        Map<String, Object> data = conversation(event.conversation());
        data.put("handed_back_by", person(event.by()));
        publish(event.conversation(), HANDED_BACK, data);
    }

    @EventListener
    void on(ConversationResolved event) {
        Map<String, Object> data = conversation(event.conversation());
        // Whether the shopper is asked for a rating: a helpdesk that sends its own survey skips it when not.
        @SuppressWarnings("unchecked")
        Map<String, Object> view = (Map<String, Object>) data.get("conversation");
        view.put("rating_requested", event.conversation().ratingRequested());
        publish(event.conversation(), RESOLVED, data);
    }

    @EventListener
    void on(MessageCreated event) {
        Message m = event.message();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", m.id().toString());
        message.put("object", "message");
        message.put("conversation_id", m.conversationId().toString());
        message.put("role", m.role());
        message.put("content", m.content());
        message.put("author_name", m.author() == null ? null : m.author().name());
        message.put("created_at", m.createdAt().toString());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message", message);
        publish(event.conversation(), MESSAGE_CREATED, data);
    }

    private void publish(Conversation c, String type, Map<String, Object> data) {
        if (presence.any(c.organizationId())) {
            webhooks.publish(c.organizationId(), c.livemode(), type, data);
        }
    }

    private static Map<String, Object> person(Teammate t) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("account_id", t.accountId().toString());
        person.put("name", t.name());
        return person;
    }

    private static Map<String, Object> conversation(Conversation c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", c.id().toString());
        view.put("object", "conversation");
        view.put("store_id", c.storeId().toString());
        view.put("agent_instance_id", c.agentInstanceId().toString());
        view.put("status", c.status());
        view.put("owner", c.owner());
        view.put("assignee_name", c.assignee() == null ? null : c.assignee().name());
        view.put(
                "handed_off_at",
                c.handedOffAt() == null ? null : c.handedOffAt().toString());
        view.put("resolved_at", c.resolvedAt() == null ? null : c.resolvedAt().toString());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversation", view);
        return data;
    }
}
