--liquibase formatted sql

--changeset support-agent:188-webhook-delivery-attempts
--comment: Every attempt of a delivery, as Stripe's deliveries tab shows them: when, the HTTP status or the error, how
--comment: long it took and the start of the answer. The delivery row keeps only its latest outcome (and Resend makes
--comment: one more attempt of the same row), so without this the earlier attempts were lost. The worker writes an
--comment: attempt in the transaction that records the delivery's outcome; (delivery, attempt number) is unique, so an
--comment: outcome recorded twice (the database went away after its commit) leaves one row. Deleted with its delivery.
CREATE TABLE webhook_delivery_attempts (
    organization_id  uuid NOT NULL,
    id               uuid NOT NULL DEFAULT gen_random_uuid(),
    delivery_id      uuid NOT NULL,
    attempt          integer NOT NULL,
    attempted_at     timestamptz NOT NULL,
    status_code      integer,
    error            text,
    response         text,
    duration_ms      integer,
    PRIMARY KEY (organization_id, id),
    UNIQUE (organization_id, delivery_id, attempt),
    FOREIGN KEY (organization_id, delivery_id) REFERENCES webhook_deliveries (organization_id, id) ON DELETE CASCADE
);
ALTER TABLE webhook_delivery_attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_delivery_attempts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_delivery_attempts
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON webhook_delivery_attempts TO ${platform_role} USING (true) WITH CHECK (true);
--rollback DROP TABLE webhook_delivery_attempts;
