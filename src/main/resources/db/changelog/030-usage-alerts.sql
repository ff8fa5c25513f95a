--liquibase formatted sql

--changeset support-agent:030-organization-tier-changes
--comment: Every tier change of an organization, so that billing can prorate the month by day.
CREATE TABLE organization_tier_changes (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    from_tier        text NOT NULL CHECK (from_tier IN ('basic', 'pro', 'enterprise')),
    to_tier          text NOT NULL CHECK (to_tier IN ('basic', 'pro', 'enterprise')),
    changed_at       timestamptz NOT NULL,
    UNIQUE (organization_id, id)
);
CREATE INDEX organization_tier_changes_organization_changed_idx ON organization_tier_changes (organization_id, changed_at);
ALTER TABLE organization_tier_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE organization_tier_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organization_tier_changes
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON organization_tier_changes TO ${platform_role} USING (true) WITH CHECK (true);
-- Tier changes are operator work; a tenant only reads its own history.
REVOKE INSERT, UPDATE, DELETE ON organization_tier_changes FROM ${app_role};
--rollback DROP TABLE organization_tier_changes;

--changeset support-agent:030-usage-alerts
--comment: One row per organization, billing period and threshold crossed: the unique key makes each alert fire once.
CREATE TABLE usage_alerts (
    id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id         uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    period_start            date NOT NULL,
    threshold               integer NOT NULL CHECK (threshold > 0),
    conversations           integer NOT NULL,
    included_conversations  integer NOT NULL,
    crossed_at              timestamptz NOT NULL,
    UNIQUE (organization_id, period_start, threshold),
    UNIQUE (organization_id, id)
);
ALTER TABLE usage_alerts ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_alerts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON usage_alerts
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON usage_alerts TO ${platform_role} USING (true) WITH CHECK (true);
--rollback DROP TABLE usage_alerts;
