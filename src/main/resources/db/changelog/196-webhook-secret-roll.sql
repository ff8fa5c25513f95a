--liquibase formatted sql

--changeset support-agent:196-webhook-secret-roll
--comment: Rolling an endpoint's signing secret keeps the old one signing too (a second v1 in the signature header)
--comment: until previous_secret_expires_at, as Stripe's roll does, so that a receiver can switch to the new secret
--comment: without refusing a delivery in between.
ALTER TABLE webhook_endpoints ADD COLUMN previous_secret text, ADD COLUMN previous_secret_expires_at timestamptz;
--rollback ALTER TABLE webhook_endpoints DROP COLUMN previous_secret, DROP COLUMN previous_secret_expires_at;
