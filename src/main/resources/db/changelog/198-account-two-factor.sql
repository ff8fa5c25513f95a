--liquibase formatted sql

--changeset support-agent:198-account-two-factor
--comment: Two-factor sign-in with an authenticator app (TOTP, RFC 6238), per person: global like the accounts, since a
--comment: person signs in before any organization is known. The shared secret is sealed (AES-GCM with the account id as
--comment: associated data) when the installation has a two-factor key; it is shown once, while being set up, and never
--comment: again. enabled_at is null while the person has not yet confirmed it with a code. last_used_step is the
--comment: 30-second time step of the last accepted code: a code is accepted once, and never one of an earlier step.
CREATE TABLE account_two_factor (
    account_id      uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    secret_sealed   bytea NOT NULL CHECK (length(secret_sealed) <= 200),
    created_at      timestamptz NOT NULL DEFAULT now(),
    enabled_at      timestamptz,
    last_used_step  bigint
);
--rollback DROP TABLE account_two_factor;

--changeset support-agent:198-account-recovery-codes
--comment: One-time recovery codes, for a person without their authenticator app: only a SHA-256 of each (with the
--comment: account id) is kept; a used code keeps its row with used_at, so that the page can say how many are left.
CREATE TABLE account_recovery_codes (
    account_id  uuid NOT NULL REFERENCES account_two_factor (account_id) ON DELETE CASCADE,
    code_hash   bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    used_at     timestamptz,
    PRIMARY KEY (account_id, code_hash)
);
--rollback DROP TABLE account_recovery_codes;
