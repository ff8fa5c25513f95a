--liquibase formatted sql

--changeset support-agent:133-audit-events
--comment: Who did what and when in an organization: keys, members, agent instances, tiers, articles. Written by the
--comment: module that owns the action, in the action's own transaction. Append-only: the request role may add and
--comment: read events but never change or delete one (an organization's deletion still cascades, as the owner).
--comment: livemode is null for actions that concern both modes (members, tiers, shared configuration).
CREATE TABLE audit_events (
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    id               uuid NOT NULL DEFAULT gen_random_uuid(),
    livemode         boolean,
    actor_type       text NOT NULL CHECK (actor_type IN ('member', 'api_key', 'operator', 'system')),
    actor_id         text CHECK (length(actor_id) <= 100),
    actor_label      text NOT NULL CHECK (length(actor_label) BETWEEN 1 AND 320),
    action           text NOT NULL CHECK (action ~ '^[a-z_]+\.[a-z_]+$' AND length(action) <= 100),
    resource_type    text NOT NULL CHECK (length(resource_type) BETWEEN 1 AND 100),
    resource_id      text CHECK (length(resource_id) <= 320),
    summary          text NOT NULL CHECK (length(summary) BETWEEN 1 AND 1000),
    details          jsonb NOT NULL DEFAULT '{}',
    client_address   inet,
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (organization_id, id)
);
CREATE INDEX audit_events_organization_created_idx ON audit_events (organization_id, created_at DESC, id DESC);
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_events
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON audit_events TO ${platform_role} USING (true) WITH CHECK (true);
REVOKE UPDATE, DELETE ON audit_events FROM ${app_role};
--rollback DROP TABLE audit_events;
