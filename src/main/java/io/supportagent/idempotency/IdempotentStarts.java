package io.supportagent.idempotency;

import io.supportagent.platform.ConversationId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * For the transaction that starts a widget conversation: binds the request's {@code Idempotency-Key} to the
 * conversation in that same transaction, and finds the conversation an earlier request with the key started
 * ({@link WithTheWork}). Does nothing for a request without a key.
 */
@Component
public class IdempotentStarts {

    private static final ThreadLocal<WithTheWork> CURRENT = new ThreadLocal<>();

    /**
     * The conversation an earlier request with this request's key and parameters started, never answered: to be
     * answered again, not started a second time. Empty when this request is to start it (then call {@link #started}
     * in the same transaction). 409 {@code idempotency_key_in_use} while the earlier request may still be running;
     * 422 {@code idempotency_key_reused} for other parameters.
     */
    public Optional<ConversationId> earlierStart() {
        WithTheWork work = CURRENT.get();
        return work == null ? Optional.empty() : work.earlierStart();
    }

    /** Records, in the transaction that started it, the conversation this request's key started. */
    public void started(ConversationId conversation) {
        WithTheWork work = CURRENT.get();
        if (work != null) {
            work.started(conversation);
        }
    }

    /** The filter's: the key of the request this thread serves, until it is over. */
    static void serving(WithTheWork work) {
        if (work == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(work);
        }
    }
}
