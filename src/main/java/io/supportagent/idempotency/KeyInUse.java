package io.supportagent.idempotency;

import io.supportagent.platform.Conflict;
import java.util.Map;

/**
 * 409 {@code idempotency_key_in_use}: an earlier request with the key has not finished, or its node died and its lease
 * (a few seconds) has not run out yet. Says when to retry, so that a client waits as long as that takes instead of
 * guessing or giving up: the first request has usually answered within a second, and a dead node's lease is over
 * within a few such retries.
 */
final class KeyInUse extends Conflict {

    static final int RETRY_AFTER_SECONDS = 1;

    KeyInUse() {
        super(
                "idempotency_key_in_use",
                "A request with this Idempotency-Key is still in progress; retry when it has finished.");
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }
}
