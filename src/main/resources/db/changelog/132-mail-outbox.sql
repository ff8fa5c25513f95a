--liquibase formatted sql

--changeset support-agent:132-mail-outbox
--comment: Mail to send (invitations, password resets): written in the transaction that made the link, sent and retried
--comment: by a worker as the platform role, so nothing is lost when a process stops between the two. The body may
--comment: hold a one-time link, so it is cleared once the mail is sent or given up, and the request role may only
--comment: add mail, never read it back.
CREATE TABLE mail_outbox (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    recipient        text NOT NULL CHECK (length(recipient) BETWEEN 3 AND 320),
    subject          text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    body             text,
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz
);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE status = 'pending';
REVOKE SELECT, UPDATE, DELETE ON mail_outbox FROM ${app_role};
--rollback DROP TABLE mail_outbox;
