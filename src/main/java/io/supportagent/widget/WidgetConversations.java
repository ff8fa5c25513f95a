package io.supportagent.widget;

import io.supportagent.conversations.Conversation;
import io.supportagent.conversations.ConversationService;
import io.supportagent.platform.Caller;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.OneTimeSecrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Widget conversations: each is opened by a random 256-bit token shown once to the browser that started it and
 * stored as its SHA-256 (a slow hash adds nothing for a random secret of that size). A token opens only its own
 * conversation, of its own agent instance: anything else is "not found".
 */
@Service
class WidgetConversations {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConversationService conversations;
    private final ConversationTokens tokens;

    WidgetConversations(ConversationService conversations, ConversationTokens tokens) {
        this.conversations = conversations;
        this.tokens = tokens;
    }

    record Started(Conversation conversation, String token) {}

    /** Starts (and so counts) a conversation with its token, in one transaction. */
    @Transactional
    Started start(Caller.Widget caller, String customerName, String customerEmail) {
        Conversation conversation = conversations.start(caller.agentInstanceId(), customerName, customerEmail);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = OneTimeSecrets.CONVERSATION_TOKEN
                + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        tokens.insert(caller.organizationId(), conversation.id(), sha256(token));
        return new Started(conversation, token);
    }

    /** The conversation, when the token is its own and it belongs to the caller's agent instance. */
    @Transactional(readOnly = true)
    Conversation open(Caller.Widget caller, String id, String token) {
        ConversationId conversationId = ConversationId.parse(id);
        byte[] stored = tokens.hash(caller.organizationId(), conversationId).orElse(null);
        if (token == null || token.length() > 200 || stored == null || !MessageDigest.isEqual(stored, sha256(token))) {
            throw new NotFound("conversation", id);
        }
        Conversation conversation = conversations.conversation(conversationId);
        if (!conversation.agentInstanceId().equals(caller.agentInstanceId())) {
            throw new NotFound("conversation", id);
        }
        return conversation;
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
