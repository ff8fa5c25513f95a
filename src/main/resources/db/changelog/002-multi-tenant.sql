--liquibase formatted sql

--changeset support-agent:002-organizations
CREATE TABLE organizations (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    tier              text NOT NULL CHECK (tier IN ('basic', 'pro', 'enterprise')),
    status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    custom_pricing    jsonb,
    usage_cap         integer CHECK (usage_cap > 0),
    billing_timezone  text NOT NULL DEFAULT 'UTC',
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
--rollback DROP TABLE organizations;

--changeset support-agent:002-agent-definitions
--comment: Global, operator-published templates; readable by every organization, so not tenant-owned.
CREATE TABLE agent_definitions (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    type            text NOT NULL,
    version         text NOT NULL,
    name            text NOT NULL,
    description     text NOT NULL DEFAULT '',
    system_prompt   text NOT NULL,
    tools           jsonb NOT NULL DEFAULT '[]',
    default_config  jsonb NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (type, version)
);
--rollback DROP TABLE agent_definitions;

--changeset support-agent:002-stores-organization
ALTER TABLE stores
    ADD COLUMN organization_id  uuid REFERENCES organizations (id) ON DELETE CASCADE,
    ADD COLUMN allowed_origins  text[] NOT NULL DEFAULT '{}',
    ADD COLUMN updated_at       timestamptz NOT NULL DEFAULT now(),
    ADD CONSTRAINT stores_organization_id_id_key UNIQUE (organization_id, id);
CREATE INDEX stores_organization_created_idx ON stores (organization_id, created_at DESC, id DESC);
--rollback DROP INDEX stores_organization_created_idx;
--rollback ALTER TABLE stores DROP CONSTRAINT stores_organization_id_id_key, DROP COLUMN updated_at, DROP COLUMN allowed_origins, DROP COLUMN organization_id;

--changeset support-agent:002-agent-instances
CREATE TABLE agent_instances (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id      uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    store_id             uuid NOT NULL,
    agent_definition_id  uuid NOT NULL REFERENCES agent_definitions (id),
    name                 text NOT NULL,
    config               jsonb NOT NULL DEFAULT '{}',
    status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
    public_key           text NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    UNIQUE (organization_id, public_key),
    FOREIGN KEY (organization_id, store_id) REFERENCES stores (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX agent_instances_organization_store_idx ON agent_instances (organization_id, store_id);
-- Resolving a presented widget key happens before the organization is known.
CREATE INDEX agent_instances_public_key_idx ON agent_instances (public_key);
--rollback DROP TABLE agent_instances;

--changeset support-agent:002-conversations-organization
ALTER TABLE conversations
    ADD COLUMN organization_id    uuid REFERENCES organizations (id) ON DELETE CASCADE,
    ADD COLUMN agent_instance_id  uuid,
    ADD COLUMN livemode           boolean NOT NULL DEFAULT true,
    ADD COLUMN owner              text NOT NULL DEFAULT 'ai' CHECK (owner IN ('ai', 'human')),
    ADD COLUMN handed_off_at      timestamptz,
    ADD COLUMN resolved_at        timestamptz,
    ADD CONSTRAINT conversations_organization_id_id_key UNIQUE (organization_id, id),
    ADD CONSTRAINT conversations_store_fkey FOREIGN KEY (organization_id, store_id)
        REFERENCES stores (organization_id, id) ON DELETE CASCADE,
    ADD CONSTRAINT conversations_agent_instance_fkey FOREIGN KEY (organization_id, agent_instance_id)
        REFERENCES agent_instances (organization_id, id) ON DELETE CASCADE;
DROP INDEX conversations_store_id_idx;
CREATE INDEX conversations_organization_store_created_idx
    ON conversations (organization_id, store_id, created_at DESC, id DESC);
CREATE INDEX conversations_organization_created_idx
    ON conversations (organization_id, livemode, created_at DESC, id DESC);
CREATE INDEX conversations_organization_instance_idx
    ON conversations (organization_id, agent_instance_id, created_at DESC);
--rollback DROP INDEX conversations_organization_instance_idx;
--rollback DROP INDEX conversations_organization_created_idx;
--rollback DROP INDEX conversations_organization_store_created_idx;
--rollback CREATE INDEX conversations_store_id_idx ON conversations (store_id);
--rollback ALTER TABLE conversations DROP CONSTRAINT conversations_agent_instance_fkey, DROP CONSTRAINT conversations_store_fkey, DROP CONSTRAINT conversations_organization_id_id_key, DROP COLUMN resolved_at, DROP COLUMN handed_off_at, DROP COLUMN owner, DROP COLUMN livemode, DROP COLUMN agent_instance_id, DROP COLUMN organization_id;

--changeset support-agent:002-messages-organization
ALTER TABLE messages
    ADD COLUMN organization_id  uuid REFERENCES organizations (id) ON DELETE CASCADE,
    ADD COLUMN citations        jsonb NOT NULL DEFAULT '[]',
    ADD CONSTRAINT messages_conversation_fkey FOREIGN KEY (organization_id, conversation_id)
        REFERENCES conversations (organization_id, id) ON DELETE CASCADE;
DROP INDEX messages_conversation_id_idx;
CREATE INDEX messages_organization_conversation_idx ON messages (organization_id, conversation_id, created_at, id);
--rollback DROP INDEX messages_organization_conversation_idx;
--rollback CREATE INDEX messages_conversation_id_idx ON messages (conversation_id);
--rollback ALTER TABLE messages DROP CONSTRAINT messages_conversation_fkey, DROP COLUMN citations, DROP COLUMN organization_id;

--changeset support-agent:002-conversation-usage
CREATE TABLE conversation_usage (
    organization_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    period_start        date NOT NULL,
    conversations       integer NOT NULL DEFAULT 0 CHECK (conversations >= 0),
    thresholds_crossed  integer[] NOT NULL DEFAULT '{}',
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, period_start)
);
--rollback DROP TABLE conversation_usage;

--changeset support-agent:002-organization-api-keys
CREATE TABLE organization_api_keys (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name             text NOT NULL,
    mode             text NOT NULL CHECK (mode IN ('live', 'test')),
    lookup_id        text NOT NULL,
    key_hash         text NOT NULL,
    display_prefix   text NOT NULL,
    last_four        text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_used_at     timestamptz,
    expires_at       timestamptz,
    revoked_at       timestamptz,
    UNIQUE (organization_id, id),
    UNIQUE (organization_id, lookup_id)
);
CREATE INDEX organization_api_keys_organization_created_idx ON organization_api_keys (organization_id, created_at DESC);
-- Verifying a presented key happens before the organization is known.
CREATE INDEX organization_api_keys_lookup_idx ON organization_api_keys (lookup_id);
--rollback DROP TABLE organization_api_keys;
