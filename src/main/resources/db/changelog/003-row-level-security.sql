--liquibase formatted sql

--changeset support-agent:003-row-level-security
--comment: Fail closed: without app.current_org_id a session sees no tenant rows and can write none. The platform role
--comment: gets its own explicit policy for cross-tenant operator work; the owner gets none (FORCE applies to it).
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organizations
    USING (id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON organizations TO ${platform_role} USING (true) WITH CHECK (true);

ALTER TABLE stores ENABLE ROW LEVEL SECURITY;
ALTER TABLE stores FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON stores
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON stores TO ${platform_role} USING (true) WITH CHECK (true);

ALTER TABLE agent_instances ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent_instances FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON agent_instances
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON agent_instances TO ${platform_role} USING (true) WITH CHECK (true);

ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON conversations
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON conversations TO ${platform_role} USING (true) WITH CHECK (true);

ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON messages
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON messages TO ${platform_role} USING (true) WITH CHECK (true);

ALTER TABLE conversation_usage ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversation_usage FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON conversation_usage
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON conversation_usage TO ${platform_role} USING (true) WITH CHECK (true);

ALTER TABLE organization_api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE organization_api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organization_api_keys
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON organization_api_keys TO ${platform_role} USING (true) WITH CHECK (true);

-- Definitions are published by the operator only; tenants read them.
REVOKE INSERT, UPDATE, DELETE ON agent_definitions FROM ${app_role};
-- An organization may not create or delete itself, only read it and change what the API lets it change.
REVOKE INSERT, DELETE ON organizations FROM ${app_role};
--rollback GRANT INSERT, DELETE ON organizations TO ${app_role};
--rollback GRANT INSERT, UPDATE, DELETE ON agent_definitions TO ${app_role};
--rollback DROP POLICY platform_access ON organization_api_keys; DROP POLICY tenant_isolation ON organization_api_keys; ALTER TABLE organization_api_keys NO FORCE ROW LEVEL SECURITY; ALTER TABLE organization_api_keys DISABLE ROW LEVEL SECURITY;
--rollback DROP POLICY platform_access ON conversation_usage; DROP POLICY tenant_isolation ON conversation_usage; ALTER TABLE conversation_usage NO FORCE ROW LEVEL SECURITY; ALTER TABLE conversation_usage DISABLE ROW LEVEL SECURITY;
--rollback DROP POLICY platform_access ON messages; DROP POLICY tenant_isolation ON messages; ALTER TABLE messages NO FORCE ROW LEVEL SECURITY; ALTER TABLE messages DISABLE ROW LEVEL SECURITY;
--rollback DROP POLICY platform_access ON conversations; DROP POLICY tenant_isolation ON conversations; ALTER TABLE conversations NO FORCE ROW LEVEL SECURITY; ALTER TABLE conversations DISABLE ROW LEVEL SECURITY;
--rollback DROP POLICY platform_access ON agent_instances; DROP POLICY tenant_isolation ON agent_instances; ALTER TABLE agent_instances NO FORCE ROW LEVEL SECURITY; ALTER TABLE agent_instances DISABLE ROW LEVEL SECURITY;
--rollback DROP POLICY platform_access ON stores; DROP POLICY tenant_isolation ON stores; ALTER TABLE stores NO FORCE ROW LEVEL SECURITY; ALTER TABLE stores DISABLE ROW LEVEL SECURITY;
--rollback DROP POLICY platform_access ON organizations; DROP POLICY tenant_isolation ON organizations; ALTER TABLE organizations NO FORCE ROW LEVEL SECURITY; ALTER TABLE organizations DISABLE ROW LEVEL SECURITY;
