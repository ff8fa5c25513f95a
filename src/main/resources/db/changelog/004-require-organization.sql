--liquibase formatted sql

--changeset support-agent:004-require-organization
--comment: From here on every row belongs to an organization. A single-tenant database reaches this step only through
--comment: the migrate-to-multi-tenant command, which assigns its rows first.
ALTER TABLE stores ALTER COLUMN organization_id SET NOT NULL;
ALTER TABLE conversations ALTER COLUMN organization_id SET NOT NULL, ALTER COLUMN agent_instance_id SET NOT NULL;
ALTER TABLE messages ALTER COLUMN organization_id SET NOT NULL;
--rollback ALTER TABLE messages ALTER COLUMN organization_id DROP NOT NULL;
--rollback ALTER TABLE conversations ALTER COLUMN agent_instance_id DROP NOT NULL, ALTER COLUMN organization_id DROP NOT NULL;
--rollback ALTER TABLE stores ALTER COLUMN organization_id DROP NOT NULL;
