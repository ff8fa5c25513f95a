--liquibase formatted sql

--changeset support-agent:000-default-privileges
--comment: Tables the owner creates from now on are usable by the request and platform roles; RLS decides which rows.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app_role}, ${platform_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app_role}, ${platform_role};
GRANT USAGE ON SCHEMA public TO ${app_role}, ${platform_role};
--rollback ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${app_role}, ${platform_role};
--rollback ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM ${app_role}, ${platform_role};
