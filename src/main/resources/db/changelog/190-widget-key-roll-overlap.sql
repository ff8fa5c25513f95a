--liquibase formatted sql

--changeset support-agent:190-widget-key-roll-overlap
--comment: Rolling an agent instance's widget key can keep the old key opening the widget until
--comment: previous_public_key_expires_at, as rolling a secret key or a webhook secret can, so that a store swaps the
--comment: snippet without shoppers meeting a dead chat button in between. The old key is looked up before the
--comment: organization is known, as the current one is (an index across tenants, of the rolled keys only).
ALTER TABLE agent_instances ADD COLUMN previous_public_key text, ADD COLUMN previous_public_key_expires_at timestamptz;
CREATE INDEX agent_instances_previous_public_key_idx ON agent_instances (previous_public_key)
    WHERE previous_public_key IS NOT NULL;
--rollback DROP INDEX agent_instances_previous_public_key_idx;
--rollback ALTER TABLE agent_instances DROP COLUMN previous_public_key, DROP COLUMN previous_public_key_expires_at;
