package io.supportagent.idempotency;

import io.supportagent.platform.ConversationId;
import io.supportagent.platform.Tenant;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * A key taken in the transaction of the work itself, for work that also does something long outside the database:
 * the widget's conversation start, which answers the shopper's first message (a model call of seconds) and so cannot
 * keep one transaction open for the whole request as {@link InOneTransaction} does. The transaction that starts,
 * counts and stores the conversation (with its token and first message) takes the key and records the conversation
 * in it; the answer is stored afterwards. So at any moment a node or its database may fail, there is either
 *
 * <ul>
 *   <li>nothing (the transaction rolled back, the key with it): the retry simply runs, at once, never a 409;
 *   <li>the conversation and its key, bound, without an answer: the retry, once the first request's lease is over,
 *       resumes that conversation (the same id; the stored reply, or the reply made then) instead of a second one;
 *   <li>the conversation, its key and its answer: the retry gets the answer replayed.
 * </ul>
 *
 * <p>The lease (a few seconds, renewed by {@link WorkLeases} while the request runs) keeps a second request with the
 * key from resuming a start whose first request is alive and still answering (a double submit, an impatient client):
 * that one gets 409 {@code idempotency_key_in_use} and then the stored answer. A killed node stops renewing, so its
 * starts are resumable within one lease; a request that failed (a 503 as the database went) ends its lease itself,
 * or, with the database away, lets it run out, which an outage of a few seconds has done by the time it is over.
 */
final class WithTheWork implements KeyScope {

    /** Widget conversation starts, JSON or streamed (as the firewall let the path through, decoded). */
    private static final Set<String> PATHS = Set.of("/widget/v1/conversations");

    private final IdempotencyKeys keys;
    private final Tenant tenant;
    private final IdempotencyKeys.Api api;
    private final WorkLeases leases;
    private final Duration lease;
    private final HttpServletResponse response;
    private String key;
    private String fingerprint;
    private Duration retention;
    /** The conversation this request created or resumed under the key; null until then (or without any work). */
    private UUID bound;

    WithTheWork(IdempotencyKeys.OfTenant scope, WorkLeases leases, Duration lease, HttpServletResponse response) {
        this.keys = scope.keys();
        this.tenant = scope.tenant();
        this.api = scope.api();
        this.leases = leases;
        this.lease = lease;
        this.response = response;
    }

    static boolean covers(HttpServletRequest request) {
        return PATHS.contains(request.getServletPath());
    }

    /**
     * Takes nothing yet (the work's transaction does): answers whether the request may run, that is unless the key is
     * another request's (other parameters), answered (replayed), or leased to a request that may still be running.
     */
    @Override
    public boolean claim(String key, String fingerprint, Duration retention, Duration inFlightTimeout) {
        this.key = key;
        this.fingerprint = fingerprint;
        this.retention = retention;
        IdempotencyKeys.WorkKey held = keys.workKey(tenant, api, key).orElse(null);
        if (held == null || held.expired()) {
            return true;
        }
        return held.fingerprint().equals(fingerprint) && "in_flight".equals(held.state()) && !held.locked();
    }

    @Override
    public Optional<StoredKey> find(String key) {
        return keys.find(tenant, api, key);
    }

    /**
     * In the work's transaction: the conversation an earlier request with this key started (this request resumes it,
     * under a lease of its own), or empty when this request took the key and is to start one ({@link #started}).
     */
    Optional<ConversationId> earlierStart() {
        boolean taken;
        try {
            taken = keys.takeForWork(tenant, api, key, fingerprint, retention, lease);
        } catch (PessimisticLockingFailureException e) {
            throw new KeyInUse(); // another request's transaction holds the key's row past the lock timeout
        }
        if (taken) {
            return Optional.empty();
        }
        IdempotencyKeys.WorkKey held = keys.workKeyForUpdate(tenant, api, key).orElseThrow(KeyInUse::new);
        if (!held.fingerprint().equals(fingerprint)) {
            throw new IdempotencyFilter.KeyReused(); // taken since this request's claim, by other parameters
        }
        if (held.conversationId() == null || held.locked() || !"in_flight".equals(held.state())) {
            throw new KeyInUse(); // running, or answered since the claim: the retry gets the answer
        }
        keys.lease(tenant, api, key, held.conversationId(), lease);
        boundTo(held.conversationId());
        response.setHeader(IdempotencyFilter.REPLAYED, "true");
        return Optional.of(new ConversationId(held.conversationId()));
    }

    /** In the work's transaction: the conversation this request started under the key, committed with it. */
    void started(ConversationId conversation) {
        keys.bind(tenant, api, key, conversation.value());
        boundTo(conversation.value());
    }

    private void boundTo(UUID conversation) {
        bound = conversation;
        leases.running(this);
    }

    /** Stores the answer, only for the key this request bound (a start that rolled back stores nothing). */
    @Override
    public void complete(String key, int status, String headersJson, byte[] body) {
        UUID conversation = bound;
        if (conversation != null) {
            keys.completeWork(tenant, api, key, conversation, status, headersJson, body);
        }
    }

    /** Ends the lease of the key this request bound: its retry resumes the conversation at once. */
    @Override
    public void release(String key) {
        UUID conversation = bound;
        if (conversation != null) {
            keys.lease(tenant, api, key, conversation, Duration.ZERO);
        }
    }

    /** The request is over, answered or not: no more renewals. */
    void end() {
        leases.over(this);
    }

    IdempotencyKeys.Leased leased() {
        UUID conversation = bound;
        return conversation == null ? null : new IdempotencyKeys.Leased(tenant, api, key, conversation);
    }
}
