--liquibase formatted sql

--changeset support-agent:150-conversation-assignment
--comment: People's side of a conversation. The assignee (a member, with the display name shown to the shopper kept
--comment: as it was when they took it), when the first person replied (for the time to first human reply), the
--comment: shopper's rating after resolution, and the agent definition version that answered (copied from the
--comment: instance at the start, so that an upgrade's effect shows in the analytics).
ALTER TABLE conversations
    ADD COLUMN assignee_account_id   uuid,
    ADD COLUMN assignee_name         text,
    ADD COLUMN assigned_at           timestamptz,
    ADD COLUMN first_human_reply_at  timestamptz,
    ADD COLUMN rating                smallint CHECK (rating BETWEEN 1 AND 5),
    ADD COLUMN rating_comment        text CHECK (length(rating_comment) <= 2000),
    ADD COLUMN rated_at              timestamptz,
    ADD COLUMN agent_definition_id   uuid,
    ADD COLUMN waiting_since         timestamptz;
UPDATE conversations c SET agent_definition_id = i.agent_definition_id
  FROM agent_instances i WHERE i.organization_id = c.organization_id AND i.id = c.agent_instance_id;
UPDATE conversations SET waiting_since = handed_off_at WHERE status = 'handed_off';
-- The inbox's queue: conversations waiting for people, longest waiting first (waiting_since is the latest hand-off:
-- a conversation handed back to the AI and handed off again waits from then).
CREATE INDEX conversations_waiting_idx ON conversations (organization_id, livemode, waiting_since)
    WHERE status = 'handed_off';
--rollback DROP INDEX conversations_waiting_idx;
--rollback ALTER TABLE conversations DROP COLUMN waiting_since, DROP COLUMN agent_definition_id, DROP COLUMN rated_at, DROP COLUMN rating_comment, DROP COLUMN rating, DROP COLUMN first_human_reply_at, DROP COLUMN assigned_at, DROP COLUMN assignee_name, DROP COLUMN assignee_account_id;

--changeset support-agent:150-message-authors
--comment: A person's message keeps who wrote it (the account, and the display name the shopper saw). Role 'note' is
--comment: an internal note: for the team only, never in the widget, the organization API's transcript or webhooks.
--comment: An AI reply keeps the numbers of the orders it looked up (found), shown to the team beside the transcript.
ALTER TABLE messages
    ADD COLUMN author_account_id  uuid,
    ADD COLUMN author_name        text,
    ADD COLUMN order_numbers      text[];
--rollback ALTER TABLE messages DROP COLUMN order_numbers, DROP COLUMN author_name, DROP COLUMN author_account_id;

--changeset support-agent:150-webhook-enabled-events
--comment: Which events an endpoint receives; NULL means all of them, also those added later.
ALTER TABLE webhook_endpoints ADD COLUMN enabled_events text[];
--rollback ALTER TABLE webhook_endpoints DROP COLUMN enabled_events;
