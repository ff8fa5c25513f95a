--liquibase formatted sql

--changeset support-agent:181-idempotency-key-conversation
--comment: The conversation a widget start's Idempotency-Key created, written in the transaction that creates and
--comment: counts it: a retry after a crash or an outage finds that conversation (and answers with it) instead of
--comment: starting a second one. Not a foreign key: the key row outlives nothing (24 h) and is purged on its own.
ALTER TABLE idempotency_keys ADD COLUMN conversation_id uuid;
--rollback ALTER TABLE idempotency_keys DROP COLUMN conversation_id;
