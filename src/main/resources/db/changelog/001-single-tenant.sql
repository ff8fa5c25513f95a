--liquibase formatted sql

--changeset support-agent:001-single-tenant-layout
--comment: The earlier single-tenant system's layout, as its databases hold it: no organizations yet.
CREATE TABLE stores (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL,
    domain      text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE conversations (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    store_id        uuid NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    customer_name   text,
    customer_email  text,
    status          text NOT NULL DEFAULT 'open',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversations_store_id_idx ON conversations (store_id);
CREATE TABLE messages (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    conversation_id  uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    role             text NOT NULL,
    content          text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_conversation_id_idx ON messages (conversation_id);
--rollback DROP TABLE messages;
--rollback DROP TABLE conversations;
--rollback DROP TABLE stores;
