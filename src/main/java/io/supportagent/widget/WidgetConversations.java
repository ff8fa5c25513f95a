package io.supportagent.widget;

import io.supportagent.agents.IdentityVerification;
import io.supportagent.agents.VerifiedShopper;
import io.supportagent.conversations.Conversation;
import io.supportagent.conversations.ConversationService;
import io.supportagent.conversations.Customer;
import io.supportagent.conversations.Message;
import io.supportagent.idempotency.IdempotentStarts;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final IdempotentStarts keys;

    WidgetConversations(
            ConversationService conversations,
            ConversationTokens tokens,
            IdentityVerification identity,
            IdempotentStarts keys) {
        this.conversations = conversations;
        this.tokens = tokens;
        this.identity = identity;
        this.keys = keys;
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
     * @param resumed whether an earlier request with the same Idempotency-Key started it (never answered)
     * @param reply the agent's reply to the first message when a resumed start already has one, else null
     */
    record Started(
            Conversation conversation, Message firstMessage, String issuedToken, boolean resumed, Message reply) {

        Started(Conversation conversation, Message firstMessage, String issuedToken) {
            this(conversation, firstMessage, issuedToken, false, null);
        }
    }

    /**
     * Checks the shopper's identity (when given or required), then starts and counts the conversation, stores its
     * token and its first message, all or nothing, with the request's Idempotency-Key bound to it. A refused identity
     * starts nothing. A retry of a start that happened but was never answered (its node or its database failed
     * before the answer was stored) gets that conversation again instead ({@link #resume}).
     */
    @Transactional
    Started start(Caller.Widget caller, Start start) {
        if (start.token() != null && !CLIENT_TOKEN.matcher(start.token()).matches()) {
            throw new InvalidRequest(
                    "'conversation_token' must be 'ct_' and 43 to 128 base64url characters (at least 256 random bits).",
                    Map.of("conversation_token", "ct_ and 43 to 128 base64url characters"));
        }
        Optional<ConversationId> earlier = keys.earlierStart();
        if (earlier.isPresent()) {
            return resume(caller, start, earlier.get());
        }
        Customer customer = identity.verify(caller.agentInstanceId(), start.identityToken())
                .map(shopper -> verified(shopper, start))
                .orElseGet(() -> Customer.unverified(start.customerName(), start.customerEmail()));
        Conversation conversation = conversations.start(caller.agentInstanceId(), customer);
        String issued = start.token() == null ? newToken() : null;
        tokens.insert(caller.organizationId(), conversation.id(), sha256(issued == null ? start.token() : issued));
        Message first = conversations.addMessageTo(conversation, "customer", start.message(), null);
        keys.started(conversation.id());
        return new Started(conversation, first, issued);
    }

    /**
     * The conversation an earlier request with the same Idempotency-Key and the same parameters (the same widget,
     * message and shopper details, as the key's fingerprint holds them) started and counted, whose answer never
     * reached the client: nothing is started or counted again.
     *
     * <p>Its token, when the platform made it, is known only as its hash, so this retry gets a new one that replaces
     * it: the answer that carried the first never went out (a JSON answer goes out only once it is stored; a stream
     * that broke has been retried, and the client goes on with the retry's answer). Safe to hand out because only
     * this retry can ask: it takes the widget's key, the organization-scoped Idempotency-Key (a random value the
     * client made and never shared: the widget makes a UUID per start) and the very same body, and only until the
     * start is answered once; after that a replay carries no token, as a secret is shown once. (As Stripe's replays
     * return the first answer, secrets included, to whoever brings the same key.) A client that needs a working token
     * from every replay brings its own, as the widget does; that one is never replaced.
     */
    private Started resume(Caller.Widget caller, Start start, ConversationId id) {
        Conversation conversation = conversations.conversation(id);
        if (!conversation.agentInstanceId().equals(caller.agentInstanceId())) {
            throw new NotFound("conversation", id.toString()); // the fingerprint holds the instance: never happens
        }
        String issued = null;
        if (start.token() == null) {
            issued = newToken();
            tokens.replace(caller.organizationId(), id, sha256(issued));
        }
        List<Message> messages = conversations.messagesOf(conversation);
        Message first = messages.stream()
                .filter(m -> "customer".equals(m.role()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("a widget conversation without its first message"));
        Message reply = messages.stream()
                .dropWhile(m -> !m.id().equals(first.id()))
                .skip(1)
                .filter(Message::forShopper)
                .findFirst()
                .filter(m -> "agent".equals(m.role()))
                .orElse(null);
        return new Started(conversation, first, issued, true, reply);
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
