package io.supportagent.widget;

import io.supportagent.agents.IdentityVerification;
import io.supportagent.agents.VerifiedShopper;
import io.supportagent.conversations.Conversation;
import io.supportagent.conversations.ConversationService;
import io.supportagent.conversations.Customer;
import io.supportagent.conversations.Message;
import io.supportagent.platform.Caller;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.OneTimeSecrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Widget conversations. A conversation starts together with the shopper's first message, in one transaction, so that
 * the public widget key cannot be used to run up a bill with empty conversations. Each is opened by a random 256-bit
 * token: the widget makes it itself and sends it with the start (then it never travels back, and a retried start
 * needs no secret from the answer), or the platform makes one and shows it once. It is stored as its SHA-256 (a slow
 * hash adds nothing for a random secret of that size). A token opens only its own conversation, of its own agent
 * instance: anything else is "not found".
 */
@Service
class WidgetConversations {

    /** A conversation token a client chose: the prefix, then at least 256 bits in base64url. */
    static final Pattern CLIENT_TOKEN = Pattern.compile("ct_[A-Za-z0-9_-]{43,128}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConversationService conversations;
    private final ConversationTokens tokens;
    private final IdentityVerification identity;

    WidgetConversations(ConversationService conversations, ConversationTokens tokens, IdentityVerification identity) {
        this.conversations = conversations;
        this.tokens = tokens;
        this.identity = identity;
    }

    /**
     * What a shopper starts a conversation with.
     *
     * @param token the conversation token the widget made, or null for one made here
     * @param identityToken the store's signed identity of the shopper, or null
     */
    record Start(String message, String customerName, String customerEmail, String token, String identityToken) {}

    /**
     * A started conversation with its first message stored.
     *
     * @param issuedToken the token made here (to be shown once), or null when the client brought its own
     */
    record Started(Conversation conversation, Message firstMessage, String issuedToken) {}

    /**
     * Checks the shopper's identity (when given or required), then starts and counts the conversation, stores its
     * token and its first message, all or nothing. A refused identity starts nothing.
     */
    @Transactional
    Started start(Caller.Widget caller, Start start) {
        if (start.token() != null && !CLIENT_TOKEN.matcher(start.token()).matches()) {
            throw new InvalidRequest(
                    "'conversation_token' must be 'ct_' and 43 to 128 base64url characters (at least 256 random bits).",
                    Map.of("conversation_token", "ct_ and 43 to 128 base64url characters"));
        }
        Customer customer = identity.verify(caller.agentInstanceId(), start.identityToken())
                .map(shopper -> verified(shopper, start))
                .orElseGet(() -> Customer.unverified(start.customerName(), start.customerEmail()));
        Conversation conversation = conversations.start(caller.agentInstanceId(), customer);
        String issued = start.token() == null ? newToken() : null;
        tokens.insert(caller.organizationId(), conversation.id(), sha256(issued == null ? start.token() : issued));
        Message first = conversations.addMessageTo(conversation, "customer", start.message(), null);
        return new Started(conversation, first, issued);
    }

    /** The store's word on who the shopper is wins over what the shopper typed. */
    private static Customer verified(VerifiedShopper shopper, Start start) {
        return shopper.email() != null
                ? new Customer(
                        shopper.name() != null ? shopper.name() : start.customerName(),
                        shopper.email(),
                        true,
                        shopper.reference())
                : new Customer(
                        shopper.name() != null ? shopper.name() : start.customerName(),
                        start.customerEmail(),
                        false,
                        shopper.reference());
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

    private static String newToken() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return OneTimeSecrets.CONVERSATION_TOKEN
                + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
