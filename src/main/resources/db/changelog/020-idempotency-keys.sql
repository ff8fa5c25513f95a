--liquibase formatted sql

--changeset support-agent:020-idempotency-keys
--comment: The first answer to each Idempotency-Key of an organization (and mode), replayed for 24 hours.
CREATE TABLE idempotency_keys (
    organization_id   uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    livemode          boolean NOT NULL,
    key               text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    fingerprint       text NOT NULL,
    state             text NOT NULL CHECK (state IN ('in_flight', 'completed')),
    response_status   integer,
    response_headers  jsonb,
    response_body     bytea,
    created_at        timestamptz NOT NULL DEFAULT now(),
    locked_until      timestamptz,
    expires_at        timestamptz NOT NULL,
    PRIMARY KEY (organization_id, livemode, key)
);
CREATE INDEX idempotency_keys_organization_expires_idx ON idempotency_keys (organization_id, expires_at);
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotency_keys
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON idempotency_keys TO ${platform_role} USING (true) WITH CHECK (true);
--rollback DROP TABLE idempotency_keys;
