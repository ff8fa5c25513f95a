--liquibase formatted sql

--changeset support-agent:102-usage-events
--comment: The usage ledger: one row per counted (live) conversation, written by the statement that counts it into
--comment: conversation_usage, so that the events of a period always add up to its count. No foreign key to the
--comment: conversation, its store or its agent instance: a counted conversation stays counted when its store is
--comment: deleted, and so does its event. Events are never changed or deleted (no role but the owner may).
CREATE TABLE usage_events (
    organization_id    uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    id                 uuid NOT NULL DEFAULT gen_random_uuid(),
    conversation_id    uuid NOT NULL,
    store_id           uuid NOT NULL,
    agent_instance_id  uuid NOT NULL,
    period_start       date NOT NULL,
    counted_at         timestamptz NOT NULL,
    PRIMARY KEY (organization_id, id),
    UNIQUE (organization_id, conversation_id)
);
-- A period's events newest first (the ledger's pages and its CSV export).
CREATE INDEX usage_events_organization_period_idx
    ON usage_events (organization_id, period_start, counted_at DESC, id DESC);
-- All periods newest first.
CREATE INDEX usage_events_organization_counted_idx ON usage_events (organization_id, counted_at DESC, id DESC);
ALTER TABLE usage_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON usage_events
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON usage_events TO ${platform_role} USING (true) WITH CHECK (true);
-- An auditable ledger: written once, in the counting transaction, then only read.
REVOKE UPDATE, DELETE, TRUNCATE ON usage_events FROM ${app_role}, ${platform_role};
--rollback DROP TABLE usage_events;

--changeset support-agent:103-usage-events-backfill
--comment: The live conversations counted before the ledger existed, each an event at its creation, in the period its
--comment: organization's billing time zone puts it in. Conversations deleted since (with their store) cannot be
--comment: listed: such a period's count can exceed its events. The owner sees no rows under forced row-level security,
--comment: so it reads and writes through policies that exist only for this changeset.
CREATE POLICY usage_events_backfill ON conversations FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY usage_events_backfill ON organizations FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY usage_events_backfill ON usage_events FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
INSERT INTO usage_events (organization_id, conversation_id, store_id, agent_instance_id, period_start, counted_at)
SELECT c.organization_id, c.id, c.store_id, c.agent_instance_id,
       CAST(date_trunc('month', c.created_at AT TIME ZONE o.billing_timezone) AS date), c.created_at
  FROM conversations c
  JOIN organizations o ON o.id = c.organization_id
 WHERE c.livemode AND c.agent_instance_id IS NOT NULL
ON CONFLICT DO NOTHING;
DROP POLICY usage_events_backfill ON usage_events;
DROP POLICY usage_events_backfill ON organizations;
DROP POLICY usage_events_backfill ON conversations;
-- The events go with the table (102's rollback).
--rollback SELECT 1;
