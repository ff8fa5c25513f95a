--liquibase formatted sql

--changeset support-agent:197-webhook-delivery-answers
--comment: What the receiver answered to the latest attempt (the start of its body) and how long it took, for the
--comment: delivery log: a failing receiver often says why in its body, and a slow one is about to time out.
ALTER TABLE webhook_deliveries ADD COLUMN last_response text, ADD COLUMN last_duration_ms integer;
--rollback ALTER TABLE webhook_deliveries DROP COLUMN last_response, DROP COLUMN last_duration_ms;
