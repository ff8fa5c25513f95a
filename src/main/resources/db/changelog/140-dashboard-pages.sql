--liquibase formatted sql

--changeset support-agent:140-webhook-endpoint-disabled
--comment: An endpoint can be disabled from the dashboard (Stripe's "disable"): no delivery is queued for it while
--comment: disabled; enabling it again resumes deliveries of new events.
ALTER TABLE webhook_endpoints ADD COLUMN disabled_at timestamptz;
--rollback ALTER TABLE webhook_endpoints DROP COLUMN disabled_at;

--changeset support-agent:140-webhook-deliveries-by-endpoint
--comment: The dashboard's delivery log of one endpoint, newest first.
CREATE INDEX webhook_deliveries_endpoint_created_idx ON webhook_deliveries (organization_id, endpoint_id, created_at DESC, id DESC);
--rollback DROP INDEX webhook_deliveries_endpoint_created_idx;

--changeset support-agent:140-conversations-by-status
--comment: The conversations page filtered by status, newest first: without it a rare status (handed off) would read
--comment: the organization's whole mode to find a page of them.
CREATE INDEX conversations_organization_status_created_idx
    ON conversations (organization_id, livemode, status, created_at DESC, id DESC);
--rollback DROP INDEX conversations_organization_status_created_idx;
