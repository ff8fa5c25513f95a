--liquibase formatted sql

--changeset support-agent:160-operator-staff
--comment: The people who run the platform: accounts that may open the operator console at /platform. Global, not a
--comment: tenant table. Made only by the create-operator command (as the platform role): the request role may read
--comment: who is staff (the console's chain checks it on every request) but never make, change or remove anyone, so no
--comment: request can turn a person into operator staff. Nothing secret is kept here (the password is the account's).
CREATE TABLE operator_staff (
    account_id  uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now()
);
REVOKE INSERT, UPDATE, DELETE ON operator_staff FROM ${app_role};
--rollback DROP TABLE operator_staff;
