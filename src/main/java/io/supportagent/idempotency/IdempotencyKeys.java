package io.supportagent.idempotency;

import io.supportagent.platform.Tenant;
import io.supportagent.platform.db.PlatformJdbc;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
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
        return take(tenant, api, key, fingerprint, retention, inFlightTimeout);
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

    // ---- keys taken in the transaction of the work itself (WithTheWork: widget starts)

    /**
     * A key as the work's transaction sees it.
     *
     * @param conversationId the conversation the key's work created (committed with it), or null
     * @param locked whether its lease still runs: the request that holds it may be alive
     * @param expired whether it is past its retention (as good as absent)
     */
    record WorkKey(String fingerprint, String state, UUID conversationId, boolean locked, boolean expired) {}

    @Transactional(readOnly = true)
    Optional<WorkKey> workKey(Tenant tenant, Api api, String key) {
        return workKey(tenant, api, key, "");
    }

    /** As {@link #workKey(Tenant, Api, String)}, the row locked until the work's transaction ends. */
    @Transactional
    Optional<WorkKey> workKeyForUpdate(Tenant tenant, Api api, String key) {
        return workKey(tenant, api, key, " FOR UPDATE");
    }

    private Optional<WorkKey> workKey(Tenant tenant, Api api, String key, String lock) {
        return jdbc.sql("""
                        SELECT fingerprint, state, conversation_id,
                               coalesce(locked_until > now(), false) AS locked, expires_at <= now() AS expired
                          FROM idempotency_keys
                         WHERE organization_id = :org AND livemode = :livemode AND api = :api AND key = :key""" + lock)
                .param("org", tenant.organizationId().value())
                .param("livemode", tenant.livemode())
                .param("api", api.column())
                .param("key", key)
                .query((rs, row) -> new WorkKey(
                        rs.getString("fingerprint"),
                        rs.getString("state"),
                        rs.getObject("conversation_id", UUID.class),
                        rs.getBoolean("locked"),
                        rs.getBoolean("expired")))
                .optional();
    }

    /**
     * In the work's transaction: takes the key with a lease (a new key, an expired one, or one that an earlier request
     * with the same parameters left in flight without any work, as the code before this one did). False when the key
     * has a holder; its row is then locked by this transaction, for {@link #workKeyForUpdate}. Nothing of it stays
     * when the transaction rolls back: a start that failed leaves no key behind, and its retry simply runs.
     */
    @Transactional
    boolean takeForWork(Tenant tenant, Api api, String key, String fingerprint, Duration retention, Duration lease) {
        return take(tenant, api, key, fingerprint, retention, lease);
    }

    /**
     * Inserts the key in flight, held for {@code lockedFor}, or takes over one that has expired or that an earlier
     * request with the same parameters left in flight without any work once its hold ran out; true when this request
     * has it.
     */
    private boolean take(
            Tenant tenant, Api api, String key, String fingerprint, Duration retention, Duration lockedFor) {
        return jdbc.sql("""
                        INSERT INTO idempotency_keys
                               (organization_id, livemode, api, key, fingerprint, state, expires_at, locked_until)
                        VALUES (:org, :livemode, :api, :key, :fingerprint, 'in_flight',
                                now() + CAST(:retention AS interval), now() + CAST(:lockedFor AS interval))
                        ON CONFLICT (organization_id, livemode, api, key) DO UPDATE
                           SET fingerprint = excluded.fingerprint, state = 'in_flight', response_status = NULL,
                               response_headers = NULL, response_body = NULL, conversation_id = NULL,
                               created_at = now(), expires_at = excluded.expires_at,
                               locked_until = excluded.locked_until
                         WHERE idempotency_keys.expires_at <= now()
                            OR (idempotency_keys.state = 'in_flight'
                                AND idempotency_keys.conversation_id IS NULL
                                AND idempotency_keys.locked_until <= now()
                                AND idempotency_keys.fingerprint = excluded.fingerprint)
                        RETURNING key""")
                .param("org", tenant.organizationId().value())
                .param("livemode", tenant.livemode())
                .param("api", api.column())
                .param("key", key)
                .param("fingerprint", fingerprint)
                .param("retention", retention.toSeconds() + " seconds")
                .param("lockedFor", lockedFor.toMillis() + " milliseconds")
                .query(String.class)
                .optional()
                .isPresent();
    }

    /** In the work's transaction: the conversation it created, committed with it. */
    @Transactional
    void bind(Tenant tenant, Api api, String key, UUID conversation) {
        jdbc.sql("""
                        UPDATE idempotency_keys SET conversation_id = :conversation
                         WHERE organization_id = :org AND livemode = :livemode AND api = :api AND key = :key""")
                .param("org", tenant.organizationId().value())
                .param("livemode", tenant.livemode())
                .param("api", api.column())
                .param("key", key)
                .param("conversation", conversation)
                .update();
    }

    /**
     * Sets (or ends, with a zero lease) the lease of a key still in flight that is bound to {@code conversation}: only
     * ever the key this request took, never one another request took in the meantime.
     */
    @Transactional
    void lease(Tenant tenant, Api api, String key, UUID conversation, Duration lease) {
        lease(jdbc, new Leased(tenant, api, key, conversation), lease);
    }

    /** Holds a bound key for {@code lease} from now, through {@code client} (the request's, or the platform role's). */
    private static int lease(JdbcClient client, Leased leased, Duration lease) {
        return client.sql("""
                        UPDATE idempotency_keys SET locked_until = now() + CAST(:lease AS interval)
                         WHERE organization_id = :org AND livemode = :livemode AND api = :api AND key = :key
                           AND conversation_id = :conversation AND state = 'in_flight'""")
                .param("org", leased.tenant().organizationId().value())
                .param("livemode", leased.tenant().livemode())
                .param("api", leased.api().column())
                .param("key", leased.key())
                .param("conversation", leased.conversation())
                .param("lease", lease.toMillis() + " milliseconds")
                .update();
    }

    /** Stores the answer of the work bound to {@code conversation}, as {@link #complete} does. */
    @Transactional
    void completeWork(
            Tenant tenant, Api api, String key, UUID conversation, int status, String headersJson, byte[] body) {
        jdbc.sql("""
                        UPDATE idempotency_keys
                           SET state = 'completed', response_status = :status,
                               response_headers = CAST(:headers AS jsonb), response_body = :body, locked_until = NULL
                         WHERE organization_id = :org AND livemode = :livemode AND api = :api AND key = :key
                           AND conversation_id = :conversation AND state = 'in_flight'""")
                .param("org", tenant.organizationId().value())
                .param("livemode", tenant.livemode())
                .param("api", api.column())
                .param("key", key)
                .param("conversation", conversation)
                .param("status", status)
                .param("headers", headersJson)
                .param("body", body)
                .update();
    }

    /**
     * Operator work across tenants: extends the leases of keys whose work still runs on this node, so that a lease
     * can be short (a dead node's keys free themselves within one lease) and a long reply still holds its key.
     */
    int renew(List<Leased> leased, Duration lease) {
        int renewed = 0;
        for (Leased l : leased) {
            renewed += lease(platform.jdbc(), l, lease);
        }
        return renewed;
    }

    /** A key whose work runs on this node. */
    record Leased(Tenant tenant, Api api, String key, UUID conversation) {}

    /** Operator work across tenants: deletes expired keys; answers how many. */
    int purgeExpired() {
        return platform.jdbc()
                .sql("DELETE FROM idempotency_keys WHERE expires_at <= now()")
                .update();
    }
}
