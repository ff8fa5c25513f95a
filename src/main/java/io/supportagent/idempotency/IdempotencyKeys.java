package io.supportagent.idempotency;

import io.supportagent.platform.Tenant;
import io.supportagent.platform.db.PlatformJdbc;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Idempotency keys of the tenant in context (row-level security), each statement its own short transaction. An
 * organization's keys are kept apart per API: the organization API's (secret keys) and the widget API's (the public
 * widget key, which any browser may hold), so that a shopper can neither replay nor block the organization's keys.
 */
@Repository
class IdempotencyKeys {

    /** Which of an organization's APIs a key was sent to. */
    enum Api {
        ORGANIZATION,
        WIDGET;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The keys of one tenant on one API, through this repository's transactions. */
    record OfTenant(IdempotencyKeys keys, Tenant tenant, Api api) implements KeyScope {

        @Override
        public boolean claim(String key, String fingerprint, Duration retention, Duration inFlightTimeout) {
            return keys.claim(tenant, api, key, fingerprint, retention, inFlightTimeout);
        }

        @Override
        public Optional<StoredKey> find(String key) {
            return keys.find(tenant, api, key);
        }

        @Override
        public void complete(String key, int status, String headersJson, byte[] body) {
            keys.complete(tenant, api, key, status, headersJson, body);
        }

        @Override
        public void release(String key) {
            keys.release(tenant, api, key);
        }
    }

    private final JdbcClient jdbc;
    private final PlatformJdbc platform;

    IdempotencyKeys(JdbcClient jdbc, PlatformJdbc platform) {
        this.jdbc = jdbc;
        this.platform = platform;
    }

    /** See {@link KeyScope#claim}. */
    @Transactional
    boolean claim(
            Tenant tenant, Api api, String key, String fingerprint, Duration retention, Duration inFlightTimeout) {
        return jdbc.sql("""
                        INSERT INTO idempotency_keys
                               (organization_id, livemode, api, key, fingerprint, state, expires_at, locked_until)
                        VALUES (:org, :livemode, :api, :key, :fingerprint, 'in_flight',
                                now() + CAST(:retention AS interval), now() + CAST(:timeout AS interval))
                        ON CONFLICT (organization_id, livemode, api, key) DO UPDATE
                           SET fingerprint = excluded.fingerprint, state = 'in_flight', response_status = NULL,
                               response_headers = NULL, response_body = NULL, created_at = now(),
                               expires_at = excluded.expires_at, locked_until = excluded.locked_until
                         WHERE idempotency_keys.expires_at <= now()
                            OR (idempotency_keys.state = 'in_flight'
                                AND idempotency_keys.locked_until <= now()
                                AND idempotency_keys.fingerprint = excluded.fingerprint)
                        RETURNING key""")
                .param("org", tenant.organizationId().value())
                .param("livemode", tenant.livemode())
                .param("api", api.column())
                .param("key", key)
                .param("fingerprint", fingerprint)
                .param("retention", retention.toSeconds() + " seconds")
                .param("timeout", inFlightTimeout.toSeconds() + " seconds")
                .query(String.class)
                .optional()
                .isPresent();
    }

    @Transactional(readOnly = true)
    Optional<StoredKey> find(Tenant tenant, Api api, String key) {
        return jdbc.sql("""
                        SELECT fingerprint, state, response_status, response_headers::text AS response_headers,
                               response_body
                          FROM idempotency_keys
                         WHERE organization_id = :org AND livemode = :livemode AND api = :api AND key = :key""")
                .param("org", tenant.organizationId().value())
                .param("livemode", tenant.livemode())
                .param("api", api.column())
                .param("key", key)
                .query(StoredKey.ROWS)
                .optional();
    }

    @Transactional
    void complete(Tenant tenant, Api api, String key, int status, String headersJson, byte[] body) {
        jdbc.sql("""
                        UPDATE idempotency_keys
                           SET state = 'completed', response_status = :status,
                               response_headers = CAST(:headers AS jsonb), response_body = :body, locked_until = NULL
                         WHERE organization_id = :org AND livemode = :livemode AND api = :api AND key = :key""")
                .param("org", tenant.organizationId().value())
                .param("livemode", tenant.livemode())
                .param("api", api.column())
                .param("key", key)
                .param("status", status)
                .param("headers", headersJson)
                .param("body", body)
                .update();
    }

    /** See {@link KeyScope#release}. */
    @Transactional
    void release(Tenant tenant, Api api, String key) {
        jdbc.sql("""
                        DELETE FROM idempotency_keys
                         WHERE organization_id = :org AND livemode = :livemode AND api = :api AND key = :key
                           AND state = 'in_flight'""")
                .param("org", tenant.organizationId().value())
                .param("livemode", tenant.livemode())
                .param("api", api.column())
                .param("key", key)
                .update();
    }

    /** Operator work across tenants: deletes expired keys; answers how many. */
    int purgeExpired() {
        return platform.jdbc()
                .sql("DELETE FROM idempotency_keys WHERE expires_at <= now()")
                .update();
    }
}
