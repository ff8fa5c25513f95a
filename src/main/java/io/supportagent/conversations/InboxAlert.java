package io.supportagent.conversations;

import io.supportagent.platform.ConversationId;

/**
 * A desktop alert for one member: what it says, and its tag (one alert per tag: the same hand-off or the same
 * shopper message never alerts twice).
 */
public record InboxAlert(ConversationId conversation, String title, String body, String tag) {}
