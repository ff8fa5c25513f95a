--liquibase formatted sql

--changeset support-agent:091-knowledge-change-notifications splitStatements:false
--comment: Every node keeps an in-memory search index per store, built from its articles and passages; an article
--comment: added, changed or deleted tells all nodes at commit (payload knowledge:<org>:<store>; PostgreSQL folds the
--comment: same payload of one transaction into one notification), so that the next question searches what is stored.
CREATE FUNCTION support_agent_notify_knowledge_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    changed knowledge_articles%ROWTYPE;
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := OLD;
    ELSE
        changed := NEW;
    END IF;
    IF changed.organization_id IS NOT NULL THEN
        PERFORM pg_notify('support_agent_api_keys',
                          'knowledge:' || changed.organization_id::text || ':' || changed.store_id::text);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER knowledge_articles_notify_change
    AFTER INSERT OR UPDATE OR DELETE ON knowledge_articles
    FOR EACH ROW EXECUTE FUNCTION support_agent_notify_knowledge_change();
--rollback DROP TRIGGER knowledge_articles_notify_change ON knowledge_articles;
--rollback DROP FUNCTION support_agent_notify_knowledge_change();
