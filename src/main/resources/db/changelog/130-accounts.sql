--liquibase formatted sql

--changeset support-agent:130-accounts
--comment: People who sign in to the dashboard. Global, not a tenant table: one person may belong to several
--comment: organizations (each membership is a tenant row, under row-level security), and signing in happens before any
--comment: organization is known, so the account itself cannot belong to one. It holds only the person: email (stored
--comment: lower-cased, so it is unique case-insensitively), name and a password hash in Spring Security's delegating
--comment: format ({bcrypt}...; null until the person sets one, or for sign-in through OIDC only). Nothing about an
--comment: organization is here; that is the memberships' and audit events'.
CREATE TABLE accounts (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email                text NOT NULL CHECK (length(email) BETWEEN 3 AND 320 AND email = lower(email)),
    name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    password_hash        text CHECK (length(password_hash) <= 500),
    password_changed_at  timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    last_sign_in_at      timestamptz,
    UNIQUE (email)
);
--rollback DROP TABLE accounts;

--changeset support-agent:130-account-password-resets
--comment: Single-use, expiring password-reset links. Only the SHA-256 of the link's token is kept.
CREATE TABLE account_password_resets (
    token_hash   bytea PRIMARY KEY,
    account_id   uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz
);
CREATE INDEX account_password_resets_account_idx ON account_password_resets (account_id);
--rollback DROP TABLE account_password_resets;
