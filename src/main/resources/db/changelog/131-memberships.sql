--liquibase formatted sql

--changeset support-agent:131-memberships
--comment: Who belongs to an organization, with which role. A tenant table: an organization's members are its data.
--comment: The index by account serves the one cross-tenant read, a person's own organizations (the dashboard's
--comment: organization switcher and the check that the organization in a page's URL is theirs), made as the platform
--comment: role, like resolving a presented API key.
CREATE TABLE memberships (
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    account_id       uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role             text NOT NULL CHECK (role IN ('owner', 'admin', 'agent', 'billing')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, account_id)
);
CREATE INDEX memberships_account_idx ON memberships (account_id);
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON memberships
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON memberships TO ${platform_role} USING (true) WITH CHECK (true);
--rollback DROP TABLE memberships;

--changeset support-agent:131-member-invitations
--comment: Invitations to join an organization, by single-use expiring links. Only the SHA-256 of the link's token is
--comment: kept; the token starts with its organization's id, so it is looked up under that tenant. At most one open
--comment: invitation per email and organization (inviting again sends a new link and retires the old one).
CREATE TABLE member_invitations (
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    id               uuid NOT NULL DEFAULT gen_random_uuid(),
    email            text NOT NULL CHECK (length(email) BETWEEN 3 AND 320 AND email = lower(email)),
    role             text NOT NULL CHECK (role IN ('owner', 'admin', 'agent', 'billing')),
    token_hash       bytea NOT NULL,
    invited_by       uuid REFERENCES accounts (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    accepted_at      timestamptz,
    accepted_by      uuid REFERENCES accounts (id) ON DELETE SET NULL,
    revoked_at       timestamptz,
    PRIMARY KEY (organization_id, id),
    UNIQUE (organization_id, token_hash)
);
CREATE UNIQUE INDEX member_invitations_open_idx ON member_invitations (organization_id, email)
    WHERE accepted_at IS NULL AND revoked_at IS NULL;
CREATE INDEX member_invitations_organization_created_idx ON member_invitations (organization_id, created_at DESC, id DESC);
ALTER TABLE member_invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE member_invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member_invitations
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON member_invitations TO ${platform_role} USING (true) WITH CHECK (true);
--rollback DROP TABLE member_invitations;
