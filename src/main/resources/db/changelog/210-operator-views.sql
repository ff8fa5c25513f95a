--liquibase formatted sql

--changeset support-agent:210-operator-views
--comment: Operator staff viewing an organization's dashboard read-only ("view as organization"): who, which
--comment: organization, why, from when until when, and how it ended. Off by default: only staff whose
--comment: may_view_as_organization is set (by create-operator --may-view-as-organization) may start one. Global, not a
--comment: tenant table: the request role reads it on every dashboard request of a viewing session, and only the
--comment: platform role writes it, so no request can start, stretch or revive a view without the console's checks.
--comment: What the organization's owners see of it is in their audit log (started and ended events).
ALTER TABLE operator_staff ADD COLUMN may_view_as_organization boolean NOT NULL DEFAULT false;
CREATE TABLE operator_views (
    id               uuid PRIMARY KEY,
    account_id       uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    operator_email   text NOT NULL CHECK (length(operator_email) BETWEEN 3 AND 320),
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    reason           text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    started_at       timestamptz NOT NULL,
    ends_at          timestamptz NOT NULL CHECK (ends_at > started_at),
    ended_at         timestamptz,
    ended_how        text CHECK (ended_how IN ('ended', 'expired', 'signed_out')),
    CHECK ((ended_at IS NULL) = (ended_how IS NULL))
);
CREATE INDEX operator_views_organization_idx ON operator_views (organization_id, started_at DESC);
REVOKE INSERT, UPDATE, DELETE ON operator_views FROM ${app_role};
--rollback DROP TABLE operator_views;
--rollback ALTER TABLE operator_staff DROP COLUMN may_view_as_organization;
