--liquibase formatted sql

--changeset support-agent:070-idempotency-keys-per-api
--comment: The widget API's keys (sent by any browser holding the public widget key) live apart from the organization
--comment: API's (secret keys): a shopper can neither replay nor block a key that the organization's own systems use.
ALTER TABLE idempotency_keys
    ADD COLUMN api text NOT NULL DEFAULT 'organization' CHECK (api IN ('organization', 'widget'));
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (organization_id, livemode, api, key);
--rollback ALTER TABLE idempotency_keys NO FORCE ROW LEVEL SECURITY;
--rollback DELETE FROM idempotency_keys WHERE api <> 'organization';
--rollback ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
--rollback ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
--rollback ALTER TABLE idempotency_keys ADD PRIMARY KEY (organization_id, livemode, key);
--rollback ALTER TABLE idempotency_keys DROP COLUMN api;

--changeset support-agent:070-platform-idempotency-keys
--comment: The first answer to each Idempotency-Key of the platform operator (/platform/v1), which has no organization.
--comment: Only the platform role reads and writes it: RLS is forced and the one policy is the platform's, so the
--comment: request role sees no row.
CREATE TABLE platform_idempotency_keys (
    key               text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 255),
    fingerprint       text NOT NULL,
    state             text NOT NULL CHECK (state IN ('in_flight', 'completed')),
    response_status   integer,
    response_headers  jsonb,
    response_body     bytea,
    created_at        timestamptz NOT NULL DEFAULT now(),
    locked_until      timestamptz,
    expires_at        timestamptz NOT NULL
);
CREATE INDEX platform_idempotency_keys_expires_idx ON platform_idempotency_keys (expires_at);
ALTER TABLE platform_idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform_idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY platform_access ON platform_idempotency_keys TO ${platform_role} USING (true) WITH CHECK (true);
--rollback DROP TABLE platform_idempotency_keys;
