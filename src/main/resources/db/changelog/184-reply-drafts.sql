--liquibase formatted sql

--changeset support-agent:184-reply-drafts
--comment: What a member is writing in a conversation and has not sent yet (a reply or an internal note), kept as they
--comment: type, so that it is there on another device and survives a refused send; one per member and conversation.
--comment: Sending it removes it, and resolving the conversation removes every member's. A member who leaves, or a
--comment: conversation deleted, takes the drafts along.
CREATE TABLE reply_drafts (
    organization_id  uuid NOT NULL,
    conversation_id  uuid NOT NULL,
    account_id       uuid NOT NULL,
    mode             text NOT NULL CHECK (mode IN ('reply', 'note')),
    content          text NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, conversation_id, account_id),
    FOREIGN KEY (organization_id, conversation_id) REFERENCES conversations (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, account_id) REFERENCES memberships (organization_id, account_id) ON DELETE CASCADE
);
ALTER TABLE reply_drafts ENABLE ROW LEVEL SECURITY;
ALTER TABLE reply_drafts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON reply_drafts
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON reply_drafts TO ${platform_role} USING (true) WITH CHECK (true);
--rollback DROP TABLE reply_drafts;
