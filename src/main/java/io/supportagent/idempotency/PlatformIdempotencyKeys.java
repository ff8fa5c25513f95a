package io.supportagent.idempotency;

import io.supportagent.platform.db.PlatformJdbc;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/**
 * The platform operator's idempotency keys ({@code /platform/v1}): one scope, no organization, so a table of their
 * own that only the platform role may read or write; each statement its own transaction.
 */
@Repository
class PlatformIdempotencyKeys implements KeyScope {

    private final PlatformJdbc platform;

    PlatformIdempotencyKeys(PlatformJdbc platform) {
        this.platform = platform;
    }

    @Override
    public boolean claim(String key, String fingerprint, Duration retention, Duration inFlightTimeout) {
        return platform.jdbc()
                .sql("""
                        INSERT INTO platform_idempotency_keys (key, fingerprint, state, expires_at, locked_until)
                        VALUES (:key, :fingerprint, 'in_flight',
                                now() + CAST(:retention AS interval), now() + CAST(:timeout AS interval))
                        ON CONFLICT (key) DO UPDATE
                           SET fingerprint = excluded.fingerprint, state = 'in_flight', response_status = NULL,
                               response_headers = NULL, response_body = NULL, created_at = now(),
                               expires_at = excluded.expires_at, locked_until = excluded.locked_until
                         WHERE platform_idempotency_keys.expires_at <= now()
                            OR (platform_idempotency_keys.state = 'in_flight'
                                AND platform_idempotency_keys.locked_until <= now()
                                AND platform_idempotency_keys.fingerprint = excluded.fingerprint)
                        RETURNING key""")
                .param("key", key)
                .param("fingerprint", fingerprint)
                .param("retention", retention.toSeconds() + " seconds")
                .param("timeout", inFlightTimeout.toSeconds() + " seconds")
                .query(String.class)
                .optional()
                .isPresent();
    }

    @Override
    public Optional<StoredKey> find(String key) {
        return platform.jdbc().sql("""
                        SELECT fingerprint, state, response_status, response_headers::text AS response_headers,
                               response_body
                          FROM platform_idempotency_keys
                         WHERE key = :key""").param("key", key).query(StoredKey.ROWS).optional();
    }

    @Override
    public void complete(String key, int status, String headersJson, byte[] body) {
        platform.jdbc()
                .sql("""
                        UPDATE platform_idempotency_keys
                           SET state = 'completed', response_status = :status,
                               response_headers = CAST(:headers AS jsonb), response_body = :body, locked_until = NULL
                         WHERE key = :key""")
                .param("key", key)
                .param("status", status)
                .param("headers", headersJson)
                .param("body", body)
                .update();
    }

    @Override
    public void release(String key) {
        platform.jdbc()
                .sql("DELETE FROM platform_idempotency_keys WHERE key = :key AND state = 'in_flight'")
                .param("key", key)
                .update();
    }

    /** Deletes expired keys; answers how many. */
    int purgeExpired() {
        return platform.jdbc()
                .sql("DELETE FROM platform_idempotency_keys WHERE expires_at <= now()")
                .update();
    }
}
