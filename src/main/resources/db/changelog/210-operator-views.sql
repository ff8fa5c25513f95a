--liquibase formatted sql

--changeset support-agent:210-operator-views
--comment: Operator staff viewing an organization's dashboard read-only ("view as organization"): who, why, from when
--comment: until when, and how it ended. Off by default: only staff whose may_view_as_organization is set (by
--comment: create-operator --may-view-as-organization) may start one. A tenant table like the others (the organization's
--comment: rows only under its tenant setting); the dashboard's chain reads a session's view as the platform role on the
--comment: way in, before any tenant is known, and only the platform role writes, so no request can start, stretch or
--comment: revive a view without the console's checks. The organization's owners read it in their audit log.
ALTER TABLE operator_staff ADD COLUMN may_view_as_organization boolean NOT NULL DEFAULT false;
CREATE TABLE operator_views (
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    id               uuid NOT NULL,
    account_id       uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    operator_email   text NOT NULL CHECK (length(operator_email) BETWEEN 3 AND 320),
    reason           text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    started_at       timestamptz NOT NULL,
    ends_at          timestamptz NOT NULL CHECK (ends_at > started_at),
    ended_at         timestamptz,
    ended_how        text CHECK (ended_how IN ('ended', 'expired', 'signed_out')),
    CHECK ((ended_at IS NULL) = (ended_how IS NULL)),
    PRIMARY KEY (organization_id, id)
);
CREATE INDEX operator_views_organization_started_idx ON operator_views (organization_id, started_at DESC);
ALTER TABLE operator_views ENABLE ROW LEVEL SECURITY;
ALTER TABLE operator_views FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON operator_views
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON operator_views TO ${platform_role} USING (true) WITH CHECK (true);
REVOKE INSERT, UPDATE, DELETE ON operator_views FROM ${app_role};
--rollback DROP TABLE operator_views;
--rollback ALTER TABLE operator_staff DROP COLUMN may_view_as_organization;
