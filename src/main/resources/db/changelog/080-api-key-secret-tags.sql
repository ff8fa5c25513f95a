--liquibase formatted sql

--changeset support-agent:080-api-key-secret-tags
--comment: The first 32 bits of the SHA-256 of each new key, in hex: a check that costs microseconds, so that a
--comment: presented key that is surely wrong is refused without a bcrypt, and one that is surely right is verified even
--comment: while its lookup id's failure budget is spent by someone guessing (the display prefix, lookup id included,
--comment: is shown in every key list). 32 bits of a hash tell nothing usable about a 190-bit secret. Keys issued before
--comment: (and by the earlier system) have none and are verified as before.
ALTER TABLE organization_api_keys ADD COLUMN secret_tag text CHECK (secret_tag ~ '^[0-9a-f]{8}$');
--rollback ALTER TABLE organization_api_keys DROP COLUMN secret_tag;
