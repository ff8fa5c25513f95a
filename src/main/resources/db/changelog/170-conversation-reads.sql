--liquibase formatted sql

--changeset support-agent:170-conversation-reads
--comment: What each member has read in the inbox, so that unread counts are a member's own: a conversation is
--comment: unread for a member while a shopper message is newer than read_through (the newest shopper message shown
--comment: to that member). One row per member and conversation, keyed by the organization first (distribution).
CREATE TABLE conversation_reads (
    organization_id  uuid NOT NULL,
    conversation_id  uuid NOT NULL,
    account_id       uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    read_through     timestamptz NOT NULL,
    PRIMARY KEY (organization_id, conversation_id, account_id),
    FOREIGN KEY (organization_id, conversation_id) REFERENCES conversations (organization_id, id) ON DELETE CASCADE
);
ALTER TABLE conversation_reads ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversation_reads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON conversation_reads
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON conversation_reads TO ${platform_role} USING (true) WITH CHECK (true);
--rollback DROP TABLE conversation_reads;
