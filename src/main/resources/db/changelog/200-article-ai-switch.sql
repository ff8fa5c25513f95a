--liquibase formatted sql

--changeset support-agent:200-article-ai-switch
--comment: Whether the agent answers from the article (Intercom's "use for AI"): a merchant keeps an article that is
--comment: internal, out of date or being rewritten in the store's knowledge without the agent quoting it.
ALTER TABLE knowledge_articles ADD COLUMN ai_enabled boolean NOT NULL DEFAULT true;
--rollback ALTER TABLE knowledge_articles DROP COLUMN ai_enabled;
