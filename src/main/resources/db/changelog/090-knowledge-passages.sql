--liquibase formatted sql

--changeset support-agent:090-knowledge-passages
--comment: An article split into passages of about three sentences, each with the embedding the agent's dense retrieval
--comment: compares questions with (float32 little-endian, computed when the article is written). The model that made
--comment: it is kept, so that another model recomputes rather than compares vectors of different spaces. Each of the
--comment: passage's sentences has its own embedding too (concatenated), to find the sentence that answers.
CREATE TABLE knowledge_passages (
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    store_id         uuid NOT NULL,
    article_id       uuid NOT NULL,
    ordinal          integer NOT NULL CHECK (ordinal BETWEEN 0 AND 10000),
    content          text NOT NULL CHECK (length(content) BETWEEN 1 AND 100000),
    model            text CHECK (length(model) BETWEEN 1 AND 200),
    embedding        bytea CHECK (length(embedding) BETWEEN 4 AND 16384),
    sentence_embeddings bytea CHECK (length(sentence_embeddings) BETWEEN 4 AND 16777216),
    CHECK ((model IS NULL) = (embedding IS NULL)),
    CHECK ((model IS NULL) = (sentence_embeddings IS NULL)),
    PRIMARY KEY (organization_id, store_id, article_id, ordinal),
    FOREIGN KEY (organization_id, store_id) REFERENCES stores (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, article_id) REFERENCES knowledge_articles (organization_id, id) ON DELETE CASCADE
);
ALTER TABLE knowledge_passages ENABLE ROW LEVEL SECURITY;
ALTER TABLE knowledge_passages FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON knowledge_passages
    USING (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid))
    WITH CHECK (organization_id = (SELECT nullif(current_setting('app.current_org_id', true), '')::uuid));
CREATE POLICY platform_access ON knowledge_passages TO ${platform_role} USING (true) WITH CHECK (true);
--rollback DROP TABLE knowledge_passages;
