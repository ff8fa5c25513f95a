--liquibase formatted sql

--changeset support-agent:050-knowledge-articles
--comment: A store's knowledge base. The tsvector is generated (title weight A, body B) and GIN-indexed; GIN cannot
--comment: lead with a uuid without the btree_gin extension, so tenant scans use the btree index and the text match
--comment: the GIN index (PostgreSQL combines them with a BitmapAnd), RLS on top.
CREATE TABLE knowledge_articles (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    store_id         uuid NOT NULL,
    title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    body             text NOT NULL CHECK (length(body) BETWEEN 1 AND 100000),
    url              text CHECK (length(url) <= 2000),
    search           tsvector GENERATED ALWAYS AS (
                         setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')
                     ) STORED,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, store_id) REFERENCES stores (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX knowledge_articles_organization_store_idx
    ON knowledge_articles (organization_id, store_id, created_at DESC, id DESC);
CREATE INDEX knowledge_articles_search_idx ON knowledge_articles USING gin (search);
ALTER TABLE knowledge_articles ENABLE ROW LEVEL SECURITY;
ALTER TABLE knowledge_articles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON knowledge_articles
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON knowledge_articles TO ${platform_role} USING (true) WITH CHECK (true);
--rollback DROP TABLE knowledge_articles;

--changeset support-agent:050-store-orders
--comment: Orders a store syncs so that the agent can answer "where is my order?"; last writer wins on updated_at.
CREATE TABLE store_orders (
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    store_id         uuid NOT NULL,
    number           text NOT NULL CHECK (length(number) BETWEEN 1 AND 64),
    customer_email   text NOT NULL CHECK (length(customer_email) BETWEEN 3 AND 320),
    status           text NOT NULL CHECK (length(status) BETWEEN 1 AND 64),
    items            jsonb NOT NULL DEFAULT '[]',
    tracking_url     text CHECK (length(tracking_url) <= 2000),
    updated_at       timestamptz NOT NULL,
    synced_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, store_id, number),
    FOREIGN KEY (organization_id, store_id) REFERENCES stores (organization_id, id) ON DELETE CASCADE
);
ALTER TABLE store_orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE store_orders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON store_orders
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON store_orders TO ${platform_role} USING (true) WITH CHECK (true);
--rollback DROP TABLE store_orders;

--changeset support-agent:051-widget-conversation-tokens
--comment: The secret that opens one widget conversation, stored as SHA-256 of a random 256-bit token.
CREATE TABLE widget_conversation_tokens (
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    conversation_id  uuid NOT NULL,
    token_hash       bytea NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, conversation_id),
    FOREIGN KEY (organization_id, conversation_id) REFERENCES conversations (organization_id, id) ON DELETE CASCADE
);
ALTER TABLE widget_conversation_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE widget_conversation_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON widget_conversation_tokens
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON widget_conversation_tokens TO ${platform_role} USING (true) WITH CHECK (true);
--rollback DROP TABLE widget_conversation_tokens;
