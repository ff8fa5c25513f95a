package io.supportagent.idempotency;

import java.time.Duration;
import java.util.Optional;

/**
 * The idempotency keys one request may use, and their answers: its organization's on one API and in one mode
 * ({@link IdempotencyKeys.OfTenant}), or the platform operator's ({@link PlatformIdempotencyKeys}).
 */
interface KeyScope {

    /**
     * Takes the key for this request: a new key, an expired one, or one whose earlier holder with the same
     * parameters never finished. Answers false when someone else holds it; the caller then reads it.
     */
    boolean claim(String key, String fingerprint, Duration retention, Duration inFlightTimeout);

    Optional<StoredKey> find(String key);

    void complete(String key, int status, String headersJson, byte[] body);

    /** Gives the key up (the answer is not one to replay, such as a 5xx): the next request runs afresh. */
    void release(String key);
}
