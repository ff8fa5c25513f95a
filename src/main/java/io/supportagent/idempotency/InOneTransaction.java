package io.supportagent.idempotency;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * A tenant's key whose request runs in the same transaction as the key itself: the claim opens the transaction, the
 * request's own transactions join it, and the stored answer commits with what the request did, or nothing does. A
 * node that dies (or loses the database) at any moment of such a request leaves either the work and its answer, which
 * a retry on any node replays, or neither, and the retry runs afresh: never the work without its answer, which a
 * retry would do a second time. A second request with the key while the first runs waits for it (at most the lock
 * timeout, then 409 {@code idempotency_key_in_use}) and replays its answer.
 *
 * <p>Only for requests whose work is one short transaction with nothing outside the database: the organization API's
 * conversation starts, which are metered and billed, so each must be counted exactly once. Work that calls a model,
 * hashes a key or sends a stream would hold a pooled connection for seconds, and keeps the key's own transactions: so
 * the widget's start, which answers the shopper's first message, stores that start, its token and its message in one
 * transaction of its own, and its answer afterwards.
 */
final class InOneTransaction implements KeyScope {

    /** Conversation starts of the organization API (as the firewall let the path through, decoded). */
    private static final Set<String> PATHS = Set.of("/v1/conversations");

    private final IdempotencyKeys.OfTenant keys;
    private final PlatformTransactionManager transactions;
    private TransactionStatus transaction;
    private BooleanSupplier claimAgain;

    InOneTransaction(IdempotencyKeys.OfTenant keys, PlatformTransactionManager transactions) {
        this.keys = keys;
        this.transactions = transactions;
    }

    /** Whether the request's work and its key run in one transaction. */
    static boolean covers(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return PATHS.contains(request.getServletPath())
                && (accept == null || !accept.toLowerCase(Locale.ROOT).contains("text/event-stream"));
    }

    /** Opens the transaction and claims the key in it; when the key is someone else's, closes it again. */
    @Override
    public boolean claim(String key, String fingerprint, Duration retention, Duration inFlightTimeout) {
        transaction = transactions.getTransaction(new DefaultTransactionDefinition());
        claimAgain = () -> keys.claim(key, fingerprint, retention, inFlightTimeout);
        boolean claimed;
        try {
            claimed = keys.claim(key, fingerprint, retention, inFlightTimeout);
        } catch (PessimisticLockingFailureException e) {
            // The first request with this key still runs (its uncommitted claim holds the key's row).
            rollback();
            throw new KeyInUse();
        } catch (RuntimeException e) {
            rollback();
            throw e;
        }
        if (!claimed) {
            rollback();
        }
        return claimed;
    }

    @Override
    public Optional<StoredKey> find(String key) {
        return keys.find(key);
    }

    /**
     * Stores the answer and commits it with the request's work. When the work failed (an answer such as 404 or 402,
     * its transaction rolled back), nothing of it is committed and the answer is stored on its own, as for any key.
     */
    @Override
    public void complete(String key, int status, String headersJson, byte[] body) {
        TransactionStatus open = transaction;
        transaction = null;
        if (open.isRollbackOnly()) {
            transaction = open;
            rollback();
            if (status >= 200 && status < 300) {
                throw new IllegalStateException("a success answered for work that was rolled back");
            }
            if (claimAgain.getAsBoolean()) {
                keys.complete(key, status, headersJson, body);
            }
            return;
        }
        try {
            keys.complete(key, status, headersJson, body);
        } catch (RuntimeException e) {
            transaction = open;
            rollback();
            throw e;
        }
        transactions.commit(open);
    }

    /** Nothing of the request stays: neither its work nor its key. */
    @Override
    public void release(String key) {
        rollback();
    }

    private void rollback() {
        TransactionStatus open = transaction;
        transaction = null;
        if (open != null && !open.isCompleted()) {
            try {
                transactions.rollback(open);
            } catch (TransactionException e) {
                // The connection is gone (that is usually why the request failed): the server rolls back by itself.
            }
        }
    }
}
