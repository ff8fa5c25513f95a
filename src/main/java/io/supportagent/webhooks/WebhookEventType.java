package io.supportagent.webhooks;

import java.util.List;

/** An event an endpoint can receive, with what it means for the people who choose it. */
public record WebhookEventType(String type, String description) {

    /** Every event type, in the order people read them. */
    public static final List<WebhookEventType> ALL = List.of(
            new WebhookEventType(
                    ConversationWebhooks.HANDED_OFF, "The AI handed a conversation to your team (with the reason)."),
            new WebhookEventType(ConversationWebhooks.ASSIGNED, "A person took a conversation, or was given it."),
            new WebhookEventType(
                    ConversationWebhooks.UNASSIGNED,
                    "Nobody has a conversation any more: the claim expired, or it went back to the AI."),
            new WebhookEventType(ConversationWebhooks.HANDED_BACK, "Your team gave a conversation back to the AI."),
            new WebhookEventType(ConversationWebhooks.RESOLVED, "A conversation was resolved."),
            new WebhookEventType(
                    ConversationWebhooks.MESSAGE_CREATED,
                    "A message the shopper sees, from them, the AI or your team (never internal notes)."),
            new WebhookEventType(
                    UsageAlertWebhooks.TYPE,
                    "This month's conversations crossed a share of the plan's included ones."));
}
