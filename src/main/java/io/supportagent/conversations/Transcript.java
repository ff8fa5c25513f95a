package io.supportagent.conversations;

import java.util.List;

/**
 * A conversation as the team sees it in the inbox: every message, the team's notes and system messages included.
 *
 * @param handoffReasons the system messages that say why people took over, oldest first
 */
public record Transcript(Conversation conversation, List<Message> messages, List<String> handoffReasons) {}
