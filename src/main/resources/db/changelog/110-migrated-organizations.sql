--liquibase formatted sql

--changeset support-agent:110-organizations-migrated-at
--comment: When an organization came from the earlier single-tenant system (migrate-to-multi-tenant). Its conversations
--comment: from before that instant are history, never billed: the first invoice covers the migration month from then on.
ALTER TABLE organizations ADD COLUMN migrated_at timestamptz;
--rollback ALTER TABLE organizations DROP COLUMN migrated_at;

--changeset support-agent:110-conversation-usage-migrated
--comment: A period's conversations held by the earlier system before the migration: shown in the usage history, never
--comment: counted toward the allowance or invoiced, and without usage events (the ledger lists billable conversations
--comment: only, so a period's events still add up to its count).
ALTER TABLE conversation_usage
    ADD COLUMN migrated_conversations integer NOT NULL DEFAULT 0 CHECK (migrated_conversations >= 0);
--rollback ALTER TABLE conversation_usage DROP COLUMN migrated_conversations;
