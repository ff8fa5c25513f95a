--liquibase formatted sql

--changeset support-agent:199-member-sign-in-policies
--comment: How an organization's members must sign in: an owner may require two-factor sign-in, after which a member
--comment: without it is sent to set it up before any of the organization's pages opens. A tenant table (the policy is
--comment: the organization's data); the platform role reads it with a person's memberships on every dashboard request.
--comment: No row: nothing required.
CREATE TABLE member_sign_in_policies (
    organization_id     uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    require_two_factor  boolean NOT NULL DEFAULT false,
    updated_at          timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE member_sign_in_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE member_sign_in_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member_sign_in_policies
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON member_sign_in_policies TO ${platform_role} USING (true) WITH CHECK (true);
--rollback DROP TABLE member_sign_in_policies;
