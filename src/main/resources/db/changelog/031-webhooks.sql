--liquibase formatted sql

--changeset support-agent:031-webhook-endpoints
--comment: Where an organization receives events. The secret signs deliveries, so it is stored as is (like Stripe's).
CREATE TABLE webhook_endpoints (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    livemode         boolean NOT NULL,
    url              text NOT NULL CHECK (length(url) <= 2048),
    description      text,
    secret           text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id)
);
CREATE INDEX webhook_endpoints_organization_created_idx ON webhook_endpoints (organization_id, livemode, created_at DESC, id DESC);
ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_endpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_endpoints
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON webhook_endpoints TO ${platform_role} USING (true) WITH CHECK (true);
--rollback DROP TABLE webhook_endpoints;

--changeset support-agent:031-webhook-deliveries
--comment: The outbox: written in the transaction that raised the event, sent and retried by a worker, so that
--comment: nothing is lost when the process stops between the two.
CREATE TABLE webhook_deliveries (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id   uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    endpoint_id       uuid NOT NULL,
    event_id          uuid NOT NULL,
    event_type        text NOT NULL,
    payload           text NOT NULL,
    status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts          integer NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL,
    last_status_code  integer,
    last_error        text,
    delivered_at      timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    UNIQUE (organization_id, endpoint_id, event_id),
    FOREIGN KEY (organization_id, endpoint_id) REFERENCES webhook_endpoints (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_deliveries_organization_created_idx ON webhook_deliveries (organization_id, created_at DESC);
-- The worker's queue, across tenants (platform role): only rows still to be sent.
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_deliveries
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON webhook_deliveries TO ${platform_role} USING (true) WITH CHECK (true);
--rollback DROP TABLE webhook_deliveries;
