package io.supportagent.webhooks;

import io.supportagent.usage.UsageAlert;
import io.supportagent.usage.UsageThresholdCrossed;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns a crossed usage threshold into a {@code usage.threshold_crossed} event. It listens synchronously, inside the
 * transaction that counted the conversation, so the outbox rows commit (or roll back) with the alert.
 */
@Component
class UsageAlertWebhooks {

    static final String TYPE = "usage.threshold_crossed";

    private final WebhookService webhooks;

    UsageAlertWebhooks(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @EventListener
    void on(UsageThresholdCrossed event) {
        UsageAlert alert = event.alert();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organization_id", alert.organizationId().toString());
        data.put("period", event.period());
        data.put("threshold", alert.threshold());
        data.put("conversations", alert.conversations());
        data.put("included_conversations", alert.includedConversations());
        data.put("crossed_at", alert.crossedAt().toString());
        webhooks.publish(alert.organizationId(), true, TYPE, data);
    }
}
