--liquibase formatted sql

--changeset support-agent:216-article-indexed-at
--comment: When an article's passages and embeddings were last computed again without the article changing (a
--comment: re-index, after the embedding model changed or could not run when the article was written). Indexes compare
--comment: an article's version as the later of updated_at and indexed_at, so every node reads the new vectors, while
--comment: updated_at stays the time a person last changed the article.
ALTER TABLE knowledge_articles ADD COLUMN indexed_at timestamptz;
--rollback ALTER TABLE knowledge_articles DROP COLUMN indexed_at;
